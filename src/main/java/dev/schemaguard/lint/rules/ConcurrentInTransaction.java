package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.lint.RunnerSemantics;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.sql.Command;

/**
 * CONCURRENTLY, VACUUM and a few others cannot run inside a transaction block. Whether the statement
 * is inside one depends on the runner, which SchemaGuard knows per format, not on a guess.
 */
@RuleSpec(id = "concurrent-in-transaction", group = RuleGroup.LOCKS, severity = Severity.ERROR,
        summary = "A CONCURRENTLY statement runs inside a transaction block, where PostgreSQL always rejects it.")
public final class ConcurrentInTransaction implements Rule {

    /** Whether the migration mixes such statements with others, looked at once per migration. */
    private record FlywayMix(boolean mixed) {
        static FlywayMix of(RuleContext context) {
            return new FlywayMix(context.steps().stream().anyMatch(step -> !(step.command() instanceof Command.MetaCommand)
                    && !RunnerSemantics.cannotRunInTransaction(step.command())));
        }
    }

    @Override
    public void check(RuleContext context) {
        Command command = context.command();
        if (!RunnerSemantics.cannotRunInTransaction(command)) {
            return;
        }
        // Flyway runs a file of only such statements without a transaction, and refuses one that mixes them with others
        boolean flywayMix = context.migration().format() == MigrationFormat.FLYWAY
                && context.perMigration(FlywayMix.class, FlywayMix::of).mixed();
        if (!context.facts().inTransaction() && !flywayMix) {
            return;
        }
        String what = describe(command);
        context.report(what + " cannot run inside a transaction block, and this one runs in one ("
                        + context.facts().runner() + "): the migration fails with 'cannot run inside a transaction "
                        + "block'" + (flywayMix ? " or Flyway's 'Detected both transactional and non-transactional "
                        + "statements'" : "") + ".",
                "Move the statement into a migration of its own that the runner runs without a transaction "
                        + runnerHint(context.migration().format()) + ".");
    }

    private static String describe(Command command) {
        if (command instanceof Command.CreateIndex) {
            return "CREATE INDEX CONCURRENTLY";
        }
        if (command instanceof Command.DropIndex) {
            return "DROP INDEX CONCURRENTLY";
        }
        if (command instanceof Command.Reindex) {
            return "REINDEX CONCURRENTLY";
        }
        if (command instanceof Command.Vacuum) {
            return "VACUUM";
        }
        return "CREATE/DROP DATABASE or TABLESPACE";
    }

    private static String runnerHint(MigrationFormat format) {
        return switch (format) {
            case FLYWAY -> "(Flyway runs a file holding only such statements outside a transaction)";
            case GOLANG_MIGRATE -> "(golang-migrate: one statement per file)";
            case DBMATE -> "(dbmate: '-- migrate:up transaction:false')";
            case GOOSE -> "(goose: '-- +goose NO TRANSACTION' in the file)";
            case DIESEL -> "(diesel: run_in_transaction = false in its metadata.toml, the statement alone in up.sql)";
            case PRISMA -> "(Prisma: the statement alone in its migration.sql)";
            case FOLDER_DAG -> "(createIndexConcurrently: true in its metadata.yaml, the index alone in up.sql)";
            case SQITCH -> "(sqitch: no BEGIN before it in the deploy script)";
            case ALEMBIC -> "(Alembic: inside 'with op.get_context().autocommit_block():')";
            case DJANGO -> "(Django: atomic = False on the Migration class)";
            case LIQUIBASE -> "(Liquibase: runInTransaction=\"false\" on the changeset)";
            case SQL -> "(and no BEGIN around it)";
        };
    }
}
