package dev.schemaguard.postgres;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What must be undone however the process ends: scratch databases to drop, servers to stop, folders to delete.
 * Actions run in reverse order of registration at normal close and from a shutdown hook on Ctrl-C or SIGTERM.
 */
final class Cleanup {

    private static final Deque<Runnable> ACTIONS = new ArrayDeque<>();
    private static boolean hookInstalled;

    private Cleanup() {
    }

    /** Registers an action; run it with {@link #run(Runnable)} when done with it normally. */
    static synchronized void register(Runnable action) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "schemaguard-cleanup"));
            hookInstalled = true;
        }
        ACTIONS.push(action);
    }

    /** Runs a registered action now, once. */
    static void run(Runnable action) {
        boolean registered;
        synchronized (Cleanup.class) {
            registered = ACTIONS.remove(action);
        }
        if (registered) {
            action.run();
        }
    }

    private static void runAll() {
        while (true) {
            Runnable next;
            synchronized (Cleanup.class) {
                next = ACTIONS.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // The process is ending; one failed clean-up must not stop the others.
            }
        }
    }
}
