package dev.schemaguard.testing;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Waits for something another process does: a folder, a server, a database to appear or go. */
public final class Eventually {

    /** A look at the world: the value once it is there, empty until then. */
    public interface Probe<T> {
        Optional<T> poll() throws Exception;
    }

    private Eventually() {
    }

    /** The probe's value, once it has one; an assertion error after a minute. */
    public static <T> T until(Probe<T> probe, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<T> value = probe.poll();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
