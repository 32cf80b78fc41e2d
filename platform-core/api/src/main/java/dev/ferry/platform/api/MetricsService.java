package dev.ferry.platform.api;

/**
 * The platform's metrics, for a monitoring system to scrape: runs by status, rows and actions moved, run durations,
 * queued, retrying and dead actions per service, and registrations by state.
 */
public interface MetricsService {

    /** The content type of {@link #prometheus()}: Prometheus' text exposition format. */
    String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** The metrics now, in Prometheus' text exposition format (0.0.4). */
    String prometheus();
}
