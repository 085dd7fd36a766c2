package dev.schemaguard.rehearsal;

/**
 * One rule about what the rehearsal saw on a real PostgreSQL. A rule is one class in
 * {@code dev.schemaguard.rehearsal.rules} with a public no-argument constructor and its
 * {@link dev.schemaguard.finding.RuleSpec}, as a static rule is: the catalogue finds it. The rehearsal records facts
 * ({@link MigrationTrace}, {@link RehearsalTrace}) and judges nothing; its rules judge, and override the hooks they
 * need.
 */
public interface RehearsalRule {

    /** Judges one migration's trace, as soon as the rehearsal of that migration ends. */
    default void check(TraceContext context) {
    }

    /** Judges the rehearsal as a whole, once every migration is rehearsed. */
    default void checkRehearsal(RehearsalContext context) {
    }
}
