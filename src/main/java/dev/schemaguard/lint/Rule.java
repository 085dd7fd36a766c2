package dev.schemaguard.lint;

/**
 * One static check. A rule is one class in {@code dev.schemaguard.lint.rules} with a public no-argument
 * constructor: the registry finds it, nothing registers it. Its id is a catalogue id, its
 * documentation is {@code dev/schemaguard/rules/<id>.md}, and its fixture is
 * {@code src/test/resources/lint/<id>.sql}.
 */
public interface Rule {

    /** The catalogue id. */
    String id();

    /** Looks at one statement and reports what is wrong with it through the context. */
    void check(RuleContext context);

    /** Looks at a whole migration once its statements are checked; for rules about the migration as a unit. */
    default void checkMigration(MigrationContext context) {
    }
}
