package dev.schemaguard.report;

import java.util.List;

/**
 * What the rehearsal on a real PostgreSQL did, for the report: where it ran, or why it did not, and per migration
 * its outcome, its time and its schema changes.
 *
 * @param server     the server it ran on ("embedded PostgreSQL 18.6.0"), or empty when skipped
 * @param skipped    why the rehearsal did not run, or {@code null}
 * @param millis     its total time
 * @param migrations per migration, in the order it applied them
 */
public record RehearsalSummary(String server, String skipped, long millis, List<Entry> migrations) {

    public RehearsalSummary {
        migrations = List.copyOf(migrations);
    }

    /** A rehearsal that did not run, and why. */
    public static RehearsalSummary skipped(String reason) {
        return new RehearsalSummary("", reason, 0, List.of());
    }

    /**
     * One migration.
     *
     * @param id       the migration
     * @param outcome  {@code applied}, {@code failed} or {@code not reached}
     * @param note     a short note (why it failed, or that it fails when run twice), or empty
     * @param upMillis the time of its up alone
     * @param millis   the time of its whole rehearsal: up, snapshots, round trip, re-run
     * @param changes  its schema changes
     * @param phases   its expand/contract phases as the database saw them
     */
    public record Entry(String id, String outcome, String note, long upMillis, long millis, List<String> changes,
                        List<String> phases) {

        public Entry {
            changes = List.copyOf(changes);
            phases = List.copyOf(phases);
        }
    }
}
