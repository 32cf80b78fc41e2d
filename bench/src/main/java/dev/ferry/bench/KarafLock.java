package dev.ferry.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An flock(1) on a file, held while the bench's Karaf runs, for machines where several people boot Karafs. A child
 * {@code flock FILE sh -c 'echo locked; exec cat'} holds it until the bench closes the child's input (or dies).
 */
final class KarafLock implements AutoCloseable {

    private final Process holder;

    private KarafLock(Process holder) {
        this.holder = holder;
    }

    /** Waits for the lock; {@code null} means no lock is wanted. */
    static KarafLock acquire(Path file) {
        if (file == null) {
            return new KarafLock(null);
        }
        Progress.say("waiting for the Karaf lock %s", file);
        try {
            Process p = new ProcessBuilder("flock", file.toString(), "sh", "-c", "echo locked; exec cat >/dev/null")
                    .redirectErrorStream(true).start();
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (!"locked".equals(first)) {
                p.destroy();
                throw new BenchFailure("flock " + file + " failed: " + first);
            }
            Progress.say("holding the Karaf lock");
            return new KarafLock(p);
        } catch (IOException e) {
            throw new BenchFailure("taking the Karaf lock " + file + " with flock", e);
        }
    }

    @Override
    public void close() {
        if (holder == null) {
            return;
        }
        try {
            holder.getOutputStream().close();
            if (!holder.waitFor(10, TimeUnit.SECONDS)) {
                holder.destroy();
            }
        } catch (IOException e) {
            holder.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            holder.destroy();
        }
    }
}
