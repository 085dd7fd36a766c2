package dev.schemaguard.lint;

import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationScript;
import dev.schemaguard.sql.Command;

import java.util.List;

/**
 * Whether each statement of a migration runs inside a transaction block, from what the migration's
 * runner is known to do (not guessed from the SQL), adjusted by explicit BEGIN and COMMIT.
 */
public final class RunnerSemantics {

    /** How a runner treats one migration file. */
    public record Plan(boolean transactional, String runner) {
    }

    private RunnerSemantics() {
    }

    /** PostgreSQL refuses these inside a transaction block. */
    public static boolean cannotRunInTransaction(Command command) {
        return command instanceof Command.CreateIndex c && c.concurrently()
                || command instanceof Command.DropIndex d && d.concurrently()
                || command instanceof Command.Reindex r && r.concurrently()
                || command instanceof Command.Vacuum
                || command instanceof Command.CreateObject o && (o.kind().equals("DATABASE") || o.kind().equals("TABLESPACE"))
                || command instanceof Command.DropObject o && (o.kind().equals("DATABASE") || o.kind().equals("TABLESPACE"));
    }

    /**
     * How the runner treats the migration; {@code transaction} is the project's {@code migrations.transaction}
     * setting, which overrides what the format's runner does by default.
     */
    public static Plan plan(Migration migration, List<Command> commands, String transaction) {
        return plan(migration, migration.up(), commands, transaction);
    }

    /** How the runner treats one script of the migration: its up or its down. */
    public static Plan plan(Migration migration, MigrationScript script, List<Command> commands, String transaction) {
        if (transaction.equals("per-file")) {
            return new Plan(true, "the runner runs each migration in a transaction (migrations.transaction: per-file)");
        }
        if (transaction.equals("none")) {
            return new Plan(false, "the runner runs statements one by one (migrations.transaction: none)");
        }
        long sqlStatements = commands.stream().filter(c -> !(c instanceof Command.MetaCommand)).count();
        return switch (migration.format()) {
            case FLYWAY -> commands.stream().anyMatch(RunnerSemantics::cannotRunInTransaction)
                    ? new Plan(false, "Flyway runs a migration holding a statement PostgreSQL refuses in a transaction "
                    + "without one, and refuses to mix it with transactional statements")
                    : new Plan(true, "Flyway runs each migration in a transaction");
            case GOLANG_MIGRATE -> sqlStatements > 1
                    ? new Plan(true, "golang-migrate sends the whole file as one multi-statement query, which "
                    + "PostgreSQL runs as one implicit transaction")
                    : new Plan(false, "golang-migrate sends a single statement on its own");
            case DBMATE -> script.options().contains("transaction:false")
                    ? new Plan(false, "dbmate runs this migration without a transaction (transaction:false)")
                    : new Plan(true, "dbmate runs each migration in a transaction unless its up marker says "
                    + "transaction:false");
            case ALEMBIC -> new Plan(true, "Alembic runs migrations in a transaction on PostgreSQL");
            case SQL -> new Plan(true, "plain SQL migrations run one file per transaction, as Drizzle's migrator "
                    + "and most runners do; if yours runs them statement by statement (psql -f), set "
                    + "migrations.transaction: none in schemaguard.yml");
        };
    }
}
