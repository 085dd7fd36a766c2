package dev.schemaguard.rehearsal;

import dev.schemaguard.lint.RunnerSemantics;
import dev.schemaguard.postgres.ScriptRunner;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.source.MigrationScript;
import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.StatementParser;
import dev.schemaguard.sql.StatementSplitter;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs SQL migrations (plain SQL, Flyway, golang-migrate, dbmate) statement by statement on one connection, with
 * the transaction semantics of the format's runner ({@link RunnerSemantics}), exactly as written.
 */
final class SqlExecutor implements MigrationExecutor {

    /** A script split and typed once, with the runner's plan for it. */
    private record Prepared(List<ScriptRunner.Step> steps, boolean transactional) {
    }

    private final Connection connection;
    private final String transaction;
    private final Map<MigrationScript, Prepared> prepared = new HashMap<>();
    private ScriptRunner.StatementProgress progress = (done, total) -> { };

    /**
     * @param connection  an auto-commit, simple-protocol connection to the rehearsal database
     * @param transaction the project's {@code migrations.transaction} setting
     */
    SqlExecutor(Connection connection, String transaction) {
        this.connection = connection;
        this.transaction = transaction;
    }

    @Override
    public Execution up(Migration migration, Map<Long, String> existing) {
        return execute(migration.up(), migration, existing);
    }

    @Override
    public void onStatements(ScriptRunner.StatementProgress statements) {
        progress = statements;
    }

    @Override
    public boolean hasDown(Migration migration) {
        return migration.down().isPresent();
    }

    @Override
    public Execution down(Migration migration) {
        return execute(migration.down().orElseThrow(), migration, null);
    }

    /**
     * Rolled back when the script allows it, so that a second run that succeeds without being idempotent (an INSERT
     * that duplicates rows) does not leave the rehearsal database different from production's.
     */
    @Override
    public Execution rerun(Migration migration) {
        Prepared p = prepared.computeIfAbsent(migration.up(), s -> prepare(s, migration));
        if (!ScriptRunner.canTry(p.steps())) {
            return execute(migration.up(), migration, null);
        }
        return toExecution(migration.up(), migration, ScriptRunner.trial(connection, p.steps()));
    }

    @Override
    public boolean rerunLeavesNoTrace(Migration migration) {
        return ScriptRunner.canTry(prepared.computeIfAbsent(migration.up(), s -> prepare(s, migration)).steps());
    }

    /** The connection stays open: it belongs to the rehearsal. */
    @Override
    public void close() {
    }

    private Execution execute(MigrationScript script, Migration migration, Map<Long, String> existing) {
        Prepared p = prepared.computeIfAbsent(script, s -> prepare(s, migration));
        return toExecution(script, migration, ScriptRunner.run(connection, p.steps(), p.transactional(), existing,
                progress));
    }

    private static Execution toExecution(MigrationScript script, Migration migration, ScriptRunner.Outcome outcome) {
        Execution.Failure failure = null;
        if (!outcome.succeeded()) {
            ScriptRunner.Failure f = outcome.failure();
            failure = new Execution.Failure(display(script, migration), f.line(), f.sqlState(), f.message());
        }
        List<Execution.Lock> locks = new ArrayList<>();
        for (ScriptRunner.Lock lock : outcome.locks()) {
            locks.add(new Execution.Lock(lock.relation(), display(script, migration), lock.takenBy().line(),
                    lock.takenBy().summary(), lock.heldUntil().line()));
        }
        return new Execution(failure, locks, outcome.nanos());
    }

    private Prepared prepare(MigrationScript script, Migration migration) {
        List<ScriptRunner.Step> steps = new ArrayList<>();
        List<Command> commands = new ArrayList<>();
        for (Statement statement : StatementSplitter.split(script.file(), script.text(), script.firstLine()).statements()) {
            Command command = StatementParser.parse(statement);
            commands.add(command);
            steps.add(new ScriptRunner.Step(statement, !RunnerSemantics.cannotRunInTransaction(command)));
        }
        return new Prepared(steps, RunnerSemantics.plan(migration, script, commands, transaction).transactional());
    }

    /**
     * Why the migrations cannot be replayed over a connection, or {@code null}: sqitch runs deploy scripts with psql,
     * and a script using psql's own commands ({@code \set}, {@code \gexec}) runs there and nowhere else. Replaying
     * the others without it would report failures production never has.
     */
    static String psqlOnly(MigrationGraph graph) {
        List<String> using = new ArrayList<>();
        for (Migration m : graph.migrations()) {
            if (m.format() == MigrationFormat.SQITCH && StatementSplitter.split(m.up().file(), m.up().text(),
                    m.up().firstLine()).statements().stream().anyMatch(st -> st.kind() == Statement.Kind.META_COMMAND)) {
                using.add(m.id());
            }
        }
        if (using.isEmpty()) {
            return null;
        }
        return "sqitch runs deploy scripts with psql, and " + using.size() + (using.size() == 1 ? " uses" : " use")
                + " psql's own commands (" + String.join(", ", using.subList(0, Math.min(3, using.size())))
                + (using.size() > 3 ? " and " + (using.size() - 3) + " more" : "") + "), which only psql runs: "
                + "SchemaGuard cannot replay them over a database connection";
    }

    /** The script's file as shown to users: relative to the project, like the migration's own file. */
    static String display(MigrationScript script, Migration migration) {
        return migration.file().resolveSibling(script.file().getFileName()).toString().replace('\\', '/');
    }
}
