package dev.ferry.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap of the Karaf JVM, as the JDK's own tools see it. {@link #start} samples {@code jstat -gc} every
 * {@value #INTERVAL_MS} ms and keeps the peak of the <em>used</em> heap (survivor + eden + old used, not what is
 * committed); {@link #afterFullGc} asks for a full GC and reads the used heap after it.
 */
final class HeapSampler implements AutoCloseable {

    static final int INTERVAL_MS = 500;
    private static final List<String> USED = List.of("S0U", "S1U", "EU", "OU");
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total\\s+\\d+K,\\s+used\\s+(\\d+)K");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");

    private final Process jstat;
    private final Thread reader;
    private final AtomicLong peakKb = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();

    private HeapSampler(Process jstat) {
        this.jstat = jstat;
        this.reader = new Thread(this::read, "heap-sampler");
        reader.setDaemon(true);
        reader.start();
    }

    static HeapSampler start(long pid) {
        try {
            return new HeapSampler(new ProcessBuilder(jdkTool("jstat"), "-gc", String.valueOf(pid), String.valueOf(INTERVAL_MS))
                    .redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new BenchFailure("starting jstat (a JDK tool) for the heap of pid " + pid, e);
        }
    }

    private void read() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            int[] used = null;
            String line;
            while ((line = out.readLine()) != null) {
                String[] cells = line.trim().split("\\s+");
                if (cells.length > 0 && cells[0].equals("S0C")) {
                    used = USED.stream().mapToInt(c -> Arrays.asList(cells).indexOf(c)).toArray();
                    continue;
                }
                if (used == null || Arrays.stream(used).anyMatch(i -> i < 0 || i >= cells.length)) {
                    continue;
                }
                double kb = 0;
                try {
                    for (int i : used) {
                        kb += Double.parseDouble(cells[i]);
                    }
                } catch (NumberFormatException e) {
                    continue;
                }
                long sample = (long) kb;
                peakKb.accumulateAndGet(sample, Math::max);
                samples.incrementAndGet();
            }
        } catch (IOException e) {
            // jstat ended
        }
    }

    /** Peak used heap in MiB over the samples so far. */
    double peakMib() {
        if (samples.get() == 0) {
            throw new BenchFailure("jstat gave no heap sample of the Karaf JVM");
        }
        return peakKb.get() / 1024.0;
    }

    @Override
    public void close() {
        jstat.destroy();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Used heap in MiB right after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}). */
    static double afterFullGc(long pid) {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new BenchFailure("jcmd GC.heap_info gave no used heap: " + info);
        }
        return Long.parseLong(m.group(1)) / 1024.0;
    }

    /** The JVM's maximum heap in MiB (how far "used" may grow before the GC has to work harder). */
    static double maxHeapMib(long pid) {
        Matcher m = MAX_HEAP.matcher(jcmd(pid, "VM.flags"));
        return m.find() ? Long.parseLong(m.group(1)) / (1024.0 * 1024) : Double.NaN;
    }

    /** The tool of the JDK running the bench (the one run.sh chose), else the one on the PATH. */
    private static String jdkTool(String name) {
        Path tool = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(tool) ? tool.toString() : name;
    }

    private static String jcmd(long pid, String command) {
        try {
            Process p = new ProcessBuilder(jdkTool("jcmd"), String.valueOf(pid), command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new BenchFailure("jcmd " + pid + " " + command + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new BenchFailure("running jcmd (a JDK tool)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchFailure("interrupted while running jcmd");
        }
    }
}
