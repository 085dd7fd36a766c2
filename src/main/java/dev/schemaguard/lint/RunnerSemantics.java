package dev.schemaguard.lint;

import dev.schemaguard.source.DieselReader;
import dev.schemaguard.source.DjangoReader;
import dev.schemaguard.source.LiquibaseReader;
import dev.schemaguard.source.FolderDagReader;
import dev.schemaguard.source.GolangMigrateReader;
import dev.schemaguard.source.GooseReader;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;
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

    /** What the format's runner does with transactions, in one sentence: what {@code transaction: auto} follows. */
    public static String runner(MigrationFormat format) {
        return switch (format) {
            case SQL -> "plain SQL migrations are taken to run one file per transaction, as Drizzle's migrator and "
                    + "most runners do; set none if yours runs them statement by statement (psql -f)";
            case FLYWAY -> "Flyway runs each migration in a transaction, and one holding only statements PostgreSQL "
                    + "refuses in a transaction without one";
            case GOLANG_MIGRATE -> "golang-migrate sends each file as one query, which PostgreSQL runs as one implicit "
                    + "transaction when it holds several statements";
            case DBMATE -> "dbmate runs each migration in a transaction unless its up marker says transaction:false";
            case GOOSE -> "goose runs each migration in a transaction unless it says -- +goose NO TRANSACTION";
            case DIESEL -> "diesel runs each migration in a transaction unless its metadata.toml says "
                    + "run_in_transaction = false";
            case PRISMA -> "Prisma Migrate sends each migration.sql as one script, which PostgreSQL runs as one "
                    + "implicit transaction";
            case FOLDER_DAG -> "the runner runs each migration in a transaction unless its metadata.yaml says "
                    + "createIndexConcurrently: true";
            case SQITCH -> "sqitch runs each deploy script with psql, statement by statement; the script's own BEGIN "
                    + "and COMMIT make its transaction";
            case ALEMBIC -> "Alembic runs migrations in a transaction on PostgreSQL, except inside "
                    + "autocommit_block()";
            case DJANGO -> "Django runs each migration in a transaction on PostgreSQL unless the migration says "
                    + "atomic = False";
            case LIQUIBASE -> "Liquibase runs each changeset in a transaction unless it says runInTransaction false";
        };
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
            case GOLANG_MIGRATE -> script.options().contains(GolangMigrateReader.AUTOCOMMIT)
                    ? new Plan(false, "pop runs a migration marked .autocommit. without a transaction")
                    : sqlStatements > 1
                    ? new Plan(true, "golang-migrate sends the whole file as one multi-statement query, which "
                    + "PostgreSQL runs as one implicit transaction")
                    : new Plan(false, "golang-migrate sends a single statement on its own");
            case DBMATE -> script.options().contains("transaction:false")
                    ? new Plan(false, "dbmate runs this migration without a transaction (transaction:false)")
                    : new Plan(true, "dbmate runs each migration in a transaction unless its up marker says "
                    + "transaction:false");
            case GOOSE -> script.options().contains(GooseReader.NO_TRANSACTION)
                    ? new Plan(false, "goose runs this migration without a transaction (-- +goose NO TRANSACTION)")
                    : new Plan(true, "goose runs each migration in a transaction unless it says -- +goose NO "
                    + "TRANSACTION");
            case DIESEL -> !script.options().contains(DieselReader.NO_TRANSACTION)
                    ? new Plan(true, "diesel runs each migration in a transaction unless its metadata.toml says "
                    + "run_in_transaction = false")
                    : sqlStatements > 1
                    ? new Plan(true, "diesel sends the whole file as one query, which PostgreSQL runs as one implicit "
                    + "transaction, even with run_in_transaction = false")
                    : new Plan(false, "diesel runs this migration without a transaction (run_in_transaction = false)");
            case PRISMA -> sqlStatements > 1
                    ? new Plan(true, "Prisma Migrate sends migration.sql as one script, which PostgreSQL runs as one "
                    + "implicit transaction")
                    : new Plan(false, "Prisma Migrate sends a single statement on its own");
            case FOLDER_DAG -> script.options().contains(FolderDagReader.CONCURRENT_INDEX)
                    ? new Plan(false, "the runner runs a migration marked createIndexConcurrently: true without a "
                    + "transaction")
                    : new Plan(true, "the runner runs each migration in a transaction unless its metadata.yaml says "
                    + "createIndexConcurrently: true");
            case SQITCH -> new Plan(false, "sqitch runs deploy scripts with psql, statement by statement; the "
                    + "script's own BEGIN and COMMIT make its transaction");
            case ALEMBIC -> new Plan(true, "Alembic runs migrations in a transaction on PostgreSQL");
            case LIQUIBASE -> script.options().contains(LiquibaseReader.NO_TRANSACTION)
                    ? new Plan(false, "Liquibase runs this changeset without a transaction (runInTransaction false)")
                    : new Plan(true, "Liquibase runs each changeset in a transaction unless it says runInTransaction "
                    + "false");
            case DJANGO -> script.options().contains(DjangoReader.NOT_ATOMIC)
                    ? new Plan(false, "Django runs this migration without a transaction (atomic = False)")
                    : new Plan(true, "Django runs each migration in a transaction on PostgreSQL unless it says "
                    + "atomic = False");
            case SQL -> new Plan(true, "plain SQL migrations run one file per transaction, as Drizzle's migrator "
                    + "and most runners do; if yours runs them statement by statement (psql -f), set "
                    + "migrations.transaction: none in schemaguard.yml");
        };
    }
}
