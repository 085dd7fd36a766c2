package dev.schemaguard.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Works through a list in order on helper threads, ahead of one consumer that takes the results in the same order,
 * and that works on the list itself whenever the result it needs is not ready yet. With one helper fewer than
 * cores, the consumer always has a core: the linter's rules, which must run in order, are the consumer, and
 * splitting and parsing, which need nothing but their migration, are the work. A helper stays at most
 * {@code window} items ahead of the consumer, so only that many results are held at once.
 *
 * @param <T> the items
 * @param <R> what the work makes of one
 */
final class WorkAhead<T, R> implements AutoCloseable {

    private final List<T> items;
    private final Function<T, R> work;
    private final int window;
    /** The results made and not yet taken; a {@link Failure} when the work threw. */
    private final AtomicReferenceArray<Object> results;
    /** The next item nobody has started. */
    private final AtomicInteger claimed = new AtomicInteger();
    private final List<Thread> helpers = new ArrayList<>();
    /** The item the consumer takes next. */
    private volatile int taken;
    private volatile boolean closed;

    /** What the work threw on one item: thrown to the consumer when it takes that item. */
    private record Failure(Throwable thrown) {
    }

    WorkAhead(List<T> items, Function<T, R> work, int helperThreads, int window) {
        this.items = items;
        this.work = work;
        this.window = window;
        this.results = new AtomicReferenceArray<>(items.size());
        for (int i = 0; i < helperThreads; i++) {
            Thread helper = new Thread(this::help, "schemaguard-parse-" + (i + 1));
            helper.setDaemon(true);
            helpers.add(helper);
            helper.start();
        }
    }

    private void help() {
        while (!closed) {
            int i = claimed.getAndIncrement();
            if (i >= items.size()) {
                return;
            }
            while (i >= taken + window && !closed) {
                LockSupport.parkNanos(100_000);
            }
            results.set(i, make(i));
        }
    }

    private Object make(int i) {
        try {
            return work.apply(items.get(i));
        } catch (Throwable thrown) {
            return new Failure(thrown);
        }
    }

    /**
     * The result for item {@code i}: items must be taken in order, each once.
     *
     * @throws RuntimeException or {@link Error} what the work threw on that item
     */
    @SuppressWarnings("unchecked")
    R take(int i) {
        taken = i;
        Object result = results.get(i);
        while (result == null) {
            // Not ready: make the next item nobody has started (this one, or one ahead while a helper is on this one).
            int next = claimed.get();
            if (next < items.size() && next < i + window && claimed.compareAndSet(next, next + 1)) {
                results.set(next, make(next));
            } else {
                LockSupport.parkNanos(20_000);
            }
            result = results.get(i);
        }
        results.set(i, null); // taken: the result is the consumer's now, and can go once it is done with it
        if (result instanceof Failure failure) {
            if (failure.thrown() instanceof RuntimeException e) {
                throw e;
            }
            if (failure.thrown() instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure.thrown());
        }
        return (R) result;
    }

    /** Stops the helpers; results not taken are dropped. */
    @Override
    public void close() {
        closed = true;
    }
}
