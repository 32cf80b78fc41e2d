package dev.ferry.bench;

import java.util.Collection;
import java.util.List;

/** Percentiles by the nearest-rank method: the p-th percentile is a value that was measured. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param p between 0 (exclusive) and 100
     * @return the smallest value with at least p % of the values at or below it; NaN when there are none
     */
    static double of(Collection<? extends Number> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().map(Number::doubleValue).sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }
}
