package dev.schemaguard.lint;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleReports;
import dev.schemaguard.source.Migration;
import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.Statement;

import java.util.List;
import java.util.function.Consumer;

/** What a rule sees of a whole migration: every statement with its command, and the schema before it. */
public final class MigrationContext extends RuleReports {

    /** A statement of the migration and what it does. */
    public record Step(Statement statement, Command command) {
    }

    private final Migration migration;
    private final List<Step> steps;
    private final SchemaState before;
    private final boolean downRequired;

    MigrationContext(RuleCatalogue.Entry rule, Migration migration, List<Step> steps, SchemaState before,
                     boolean downRequired, Consumer<Finding> sink) {
        super(sink);
        select(rule);
        this.downRequired = downRequired;
        this.migration = migration;
        this.steps = List.copyOf(steps);
        this.before = before;
    }

    public Migration migration() {
        return migration;
    }

    public List<Step> steps() {
        return steps;
    }

    public SchemaState before() {
        return before;
    }

    /** Whether {@code require.down_migrations} asks every migration for a down migration. */
    public boolean downRequired() {
        return downRequired;
    }

    /** Reports a finding at a line of the migration, at the rule's default severity. */
    public void report(int line, String message, String fix, List<Evidence> evidence) {
        emit(severity(), migration.id(), migration.displayFile(), line, message, fix, evidence);
    }
}
