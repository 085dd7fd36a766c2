package dev.schemaguard.lint;

import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleReports;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.source.Migration;
import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.Statement;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a rule sees of one statement: the statement and its typed command, the migration, the schema
 * before the migration, what the migration itself created, and the runner's transaction semantics.
 */
public final class RuleContext extends RuleReports {

    private final Migration migration;
    private final Statement statement;
    private final Command command;
    private final SchemaState before;
    private final SchemaState current;
    private final List<MigrationContext.Step> steps;
    private final int index;
    private final MigrationFacts facts;
    private final Map<Class<?>, Object> perMigration;

    /**
     * A statement's context. The linter gives every rule the same one in turn, setting the rule it reports for
     * ({@link #forRule}) before each: a context per rule and statement was most of what linting allocated.
     */
    RuleContext(Migration migration, List<MigrationContext.Step> steps, int index, SchemaState before,
                SchemaState current, MigrationFacts facts, Consumer<Finding> sink, Map<Class<?>, Object> perMigration) {
        super(sink);
        this.migration = migration;
        this.steps = steps;
        this.index = index;
        this.statement = steps.get(index).statement();
        this.command = steps.get(index).command();
        this.before = before;
        this.current = current;
        this.facts = facts;
        this.perMigration = perMigration;
    }

    /** This context, reporting for {@code rule} from now on. */
    RuleContext forRule(RuleCatalogue.Entry rule) {
        select(rule);
        return this;
    }

    public Migration migration() {
        return migration;
    }

    public Statement statement() {
        return statement;
    }

    public Command command() {
        return command;
    }

    /** The schema as the migrations before this one left it. */
    public SchemaState before() {
        return before;
    }

    /** The schema as the earlier migrations and this migration's statements before this one left it. */
    public SchemaState current() {
        return current;
    }

    /** Every statement of the migration, in order; {@link #index()} is the one being checked. */
    public List<MigrationContext.Step> steps() {
        return steps;
    }

    /** The position of the checked statement in {@link #steps()}. */
    public int index() {
        return index;
    }

    /**
     * Whether nobody can be using the table yet: this migration created it (dropping the one of that name first,
     * maybe), so lock and breaking-change rules do not apply to it. A table in use that this migration only renamed
     * is not new.
     */
    public boolean isNewTable(Command.Name table) {
        return migration.id().equals(current.tableCreatedBy(table)) && !migration.id().equals(before.tableCreatedBy(table));
    }

    /**
     * The subcommands of one kind when the checked statement is an ALTER TABLE of a table that existed
     * before the migration (the breaking-change and lock rules' usual question); empty otherwise.
     */
    public <A extends Command.AlterAction> List<A> actionsOnExistingTable(Class<A> kind) {
        if (!(command instanceof Command.AlterTable alter) || isNewTable(alter.table())) {
            return List.of();
        }
        return alter.actions().stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** The table the checked ALTER TABLE alters; only meaningful when {@link #command()} is one. */
    public Command.Name alteredTable() {
        return command instanceof Command.AlterTable alter ? alter.table() : null;
    }

    /**
     * A value made once per migration and shared by the checks of all its statements, so that what a rule learns by
     * replaying the whole migration costs one replay, not one per statement. {@code make} is given this context and
     * may use only what every statement of the migration shares: {@link #steps()}, {@link #before()},
     * {@link #migration()}.
     */
    public <T> T perMigration(Class<T> kind, Function<RuleContext, T> make) {
        Object made = perMigration.get(kind);
        if (made == null) {
            made = make.apply(this);
            perMigration.put(kind, made);
        }
        return kind.cast(made);
    }

    /** Facts about the whole migration: its transaction, whether it set a lock timeout so far. */
    public MigrationFacts facts() {
        return facts;
    }

    /** Reports a finding at this statement, at the rule's default severity. */
    public void report(String message, String fix) {
        report(severity(), message, fix);
    }

    /** Reports a finding at another severity than the default: the rule's spec says when ({@code otherwise}). */
    public void report(Severity severity, String message, String fix) {
        emit(severity, migration.id(), migration.displayFile(), statement.line(), message, fix, List.of());
    }
}
