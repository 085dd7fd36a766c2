package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.sql.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * DDL that fails when run a second time: CREATE without IF NOT EXISTS, DROP without IF EXISTS. When an earlier
 * migration already created the object (a table, index, sequence, view, function, schema, extension or named
 * constraint) and nothing since dropped it, the unguarded CREATE fails on every database the history built: the seed
 * incident's mechanism for objects other than types, reported as an error naming the creator.
 */
@RuleSpec(id = "non-idempotent-ddl", group = RuleGroup.RERUN, severity = Severity.INFO,
        summary = "A DDL statement fails on a second run because it lacks IF NOT EXISTS or IF EXISTS.",
        otherwise = "error when an earlier migration created the object and nothing since dropped it (the statement "
                + "then fails on every database the history built), and when `require.rerunnable` is true")
public final class NonIdempotentDdl implements Rule {

    private static final Set<String> GUARDABLE_CREATES = Set.of("SEQUENCE", "SCHEMA", "EXTENSION");

    /** How the statement is written so that it does nothing when the object exists. */
    private static String guard(Command command) {
        if (command instanceof Command.CreateObject o && (o.kind().equals("VIEW") || o.kind().equals("FUNCTION")
                || o.kind().equals("PROCEDURE"))) {
            return "CREATE OR REPLACE " + o.kind();
        }
        if (command instanceof Command.AlterTable) {
            return "drop it first (ALTER TABLE ... DROP CONSTRAINT IF EXISTS), or add it in a DO block that catches "
                    + "duplicate_object";
        }
        return "IF NOT EXISTS";
    }

    @Override
    public void check(RuleContext context) {
        Command command = context.command();
        // the schema as this statement finds it; a statement a DO block wraps is guarded by its exception handler
        SchemaState.Collision collision = context.current().collision(command);
        if (collision != null && !context.statement().tokens().get(0).isWord("do")) {
            context.report(Severity.ERROR, "creates " + collision.kind() + " " + collision.name() + " again: migration "
                            + collision.createdBy() + " already created it, and nothing since dropped it, so the "
                            + "statement fails with 'already exists' on every database that ran " + collision.createdBy()
                            + ", and the migration with it.",
                    "Remove the statement (migration " + collision.createdBy() + " created the " + collision.kind()
                            + "), or guard it: " + guard(command) + ".");
            return;
        }
        List<String> unguarded = new ArrayList<>();
        if (command instanceof Command.CreateTable t && !t.ifNotExists() && !t.temporary()) {
            unguarded.add("CREATE TABLE " + t.table().display() + " without IF NOT EXISTS");
        } else if (command instanceof Command.CreateIndex i && !i.ifNotExists()) {
            unguarded.add("CREATE INDEX " + (i.name() == null ? "" : i.name() + " ") + "without IF NOT EXISTS");
        } else if (command instanceof Command.CreateObject o && GUARDABLE_CREATES.contains(o.kind()) && !o.ifNotExists()) {
            unguarded.add("CREATE " + o.kind() + (o.name() == null ? "" : " " + o.name().display()) + " without IF NOT EXISTS");
        } else if (command instanceof Command.DropTable d && !d.ifExists()) {
            unguarded.add("DROP TABLE without IF EXISTS");
        } else if (command instanceof Command.DropTrigger d && !d.ifExists()) {
            unguarded.add("DROP TRIGGER without IF EXISTS");
        } else if (command instanceof Command.DropIndex d && !d.ifExists()) {
            unguarded.add("DROP INDEX without IF EXISTS");
        } else if (command instanceof Command.DropObject d && !d.ifExists() && !d.kind().isEmpty()
                && !d.kind().equals("OWNED")) {
            unguarded.add("DROP " + d.kind() + " without IF EXISTS");
        } else if (command instanceof Command.AlterTable a) {
            for (Command.AlterAction action : a.actions()) {
                if (action instanceof Command.AddColumn add && !add.ifNotExists()) {
                    unguarded.add("ADD COLUMN " + add.column().name() + " without IF NOT EXISTS");
                } else if (action instanceof Command.DropColumn drop && !drop.ifExists()) {
                    unguarded.add("DROP COLUMN " + drop.column() + " without IF EXISTS");
                }
            }
        }
        if (unguarded.isEmpty()) {
            return;
        }
        context.report(context.facts().rerunnableRequired() ? Severity.ERROR : Severity.INFO,
                String.join("; ", unguarded) + ": the statement fails if the migration runs a second time.",
                (context.migration().format() == MigrationFormat.ALEMBIC
                        ? "Pass if_not_exists=True / if_exists=True to the op.* call (Alembic 1.13+), or write the "
                        + "statement with IF [NOT] EXISTS in op.execute"
                        : "Add IF NOT EXISTS / IF EXISTS")
                        + ", so a runner that re-applies the migration (or a retry after a partial failure) succeeds.");
    }
}
