package dev.schemaguard.postgres;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What must be undone however the process ends: scratch databases to drop, servers to stop, folders to delete.
 * Actions run in reverse order of registration at normal close and from a shutdown hook on Ctrl-C or SIGTERM.
 */
public final class Cleanup {

    private static final Deque<Runnable> ACTIONS = new ArrayDeque<>();
    private static boolean hookInstalled;
    private static volatile boolean interrupted;

    private Cleanup() {
    }

    /** Registers an action; run it with {@link #run(Runnable)} when done with it normally. */
    public static synchronized void register(Runnable action) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAll, "schemaguard-cleanup"));
            hookInstalled = true;
        }
        ACTIONS.push(action);
    }

    /** Runs a registered action now, once; once the process is being stopped, the shutdown hook runs it instead. */
    public static void run(Runnable action) {
        boolean registered;
        synchronized (Cleanup.class) {
            // One thread cleans up at exit, in order: another thread racing it would drop a database while the
            // hook stops its server, or delete a folder the server still writes to.
            registered = !interrupted && ACTIONS.remove(action);
        }
        if (registered) {
            action.run();
        }
    }

    /** Unregisters an action without running it: what it would undo is gone already. */
    public static synchronized void cancel(Runnable action) {
        if (!interrupted) {
            ACTIONS.remove(action);
        }
    }

    /**
     * Whether the process is being stopped (Ctrl-C, SIGTERM): servers and connections are going away, so what the
     * rehearsal sees from now on is the interruption, not the migrations.
     */
    public static boolean interrupted() {
        return interrupted;
    }

    private static void runAll() {
        synchronized (Cleanup.class) {
            interrupted = true;
        }
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
                // The process is ending; one failed clean-up must not stop the others, but the user must know.
                System.err.println("schemaguard: clean-up failed: " + DatabaseUrl.redact(String.valueOf(e.getMessage())));
            }
        }
    }
}
