package dev.schemaguard.lint;

/**
 * One static check. A rule is one class in {@code dev.schemaguard.lint.rules} with a public no-argument
 * constructor and its {@link dev.schemaguard.finding.RuleSpec}: the catalogue finds it, nothing else registers
 * it. A rule overrides the hooks it needs. Its documentation is {@code dev/schemaguard/rules/<id>.md}, and its
 * fixture is {@code src/test/resources/lint/<id>.sql}, with the words it reports in {@code <id>.findings}.
 */
public interface Rule {

    /** Looks at one statement and reports what is wrong with it through the context. */
    default void check(RuleContext context) {
    }

    /** Looks at a whole migration once its statements are checked; for rules about the migration as a unit. */
    default void checkMigration(MigrationContext context) {
    }

    /**
     * Looks at the migration's {@code schemaguard:ignore} comments once every rule has checked it: for the rules
     * about suppressions themselves.
     */
    default void checkSuppressions(SuppressionContext context) {
    }
}
