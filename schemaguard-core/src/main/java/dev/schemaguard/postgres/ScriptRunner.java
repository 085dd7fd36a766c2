package dev.schemaguard.postgres;

import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.Token;
import dev.schemaguard.sql.TokenKind;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a migration script's statements on a connection the way its runner would: all in one transaction, or
 * one by one, with the script's own BEGIN and COMMIT honoured. Optionally traces, from {@code pg_locks} of its
 * own backend, the ACCESS EXCLUSIVE locks each statement takes on relations that existed before the script,
 * and how long the transaction keeps them.
 */
public final class ScriptRunner {

    /** One statement to run, and whether PostgreSQL accepts it inside a transaction block. */
    public record Step(Statement statement, boolean transactionSafe) {
    }

    /**
     * A statement the server refused.
     *
     * @param statement the statement
     * @param line      the file line the server's error position points at (the statement's line without one)
     * @param sqlState  the SQLSTATE, e.g. {@code 42710}
     * @param message   the server's message, with its detail and hint
     */
    public record Failure(Statement statement, int line, String sqlState, String message) {
    }

    /**
     * An ACCESS EXCLUSIVE lock the script took on a relation that existed before it.
     *
     * @param relation   the relation's display name
     * @param takenBy    the statement that took it
     * @param heldUntil  the last statement that ran while it was held (itself when released at its end)
     */
    public record Lock(String relation, Statement takenBy, Statement heldUntil) {

        public boolean heldAcrossStatements() {
            return heldUntil != takenBy;
        }
    }

    /** What running the script did: its failure if any, the locks seen, and the time it took. */
    public record Outcome(Failure failure, List<Lock> locks, long nanos) {

        public boolean succeeded() {
            return failure == null;
        }
    }

    private static final String LOCKS = "SELECT relation::bigint FROM pg_locks WHERE pid = pg_backend_pid() "
            + "AND locktype = 'relation' AND mode = 'AccessExclusiveLock' AND granted";

    private ScriptRunner() {
    }

    /**
     * Runs {@code steps} on {@code c}, which must be in auto-commit mode (ideally a
     * {@link ScratchDatabase#connectSimple() simple-protocol} connection).
     *
     * @param transactional whether the runner wraps the script in one transaction
     * @param existing      relations that existed before, by oid, to trace locks on; {@code null} to not trace
     */
    public static Outcome run(Connection c, List<Step> steps, boolean transactional, Map<Long, String> existing) {
        return run(c, steps, transactional, existing, (done, total) -> { });
    }

    /** Told how many statements of a script have run, after each one. */
    public interface StatementProgress {
        void ran(int done, int total);
    }

    /** As {@link #run(Connection, List, boolean, Map)}, telling {@code progress} of each statement that ran. */
    public static Outcome run(Connection c, List<Step> steps, boolean transactional, Map<Long, String> existing,
                              StatementProgress progress) {
        long start = System.nanoTime();
        int done = 0;
        List<Lock> locks = new ArrayList<>();
        Map<Long, Statement> heldSince = new LinkedHashMap<>();
        Map<Long, Statement> lastSeenHeld = new HashMap<>();
        Set<String> existingNames = existing == null ? Set.of() : names(existing.values());
        try (java.sql.Statement jdbc = c.createStatement()) {
            if (transactional) {
                jdbc.execute("BEGIN");
            }
            for (Step step : steps) {
                Statement statement = step.statement();
                if (statement.kind() == Statement.Kind.META_COMMAND) {
                    rollbackQuietly(jdbc, c);
                    return new Outcome(new Failure(statement, statement.line(), "",
                            "psql meta-command " + statement.text().strip() + " cannot be replayed over a database "
                                    + "connection; only psql runs it"), locks, System.nanoTime() - start);
                }
                boolean idle = state(c) == TransactionState.IDLE;
                boolean wrap = existing != null && idle && step.transactionSafe() && !isTransactionControl(statement);
                try {
                    if (wrap) {
                        jdbc.execute("BEGIN");
                    }
                    execute(jdbc, statement);
                    if (existing != null && state(c) == TransactionState.OPEN
                            && (!heldSince.isEmpty() || mayLockExisting(statement, existingNames))) {
                        Set<Long> held = heldLocks(jdbc, existing);
                        for (Long oid : held) {
                            heldSince.putIfAbsent(oid, statement);
                            lastSeenHeld.put(oid, statement);
                        }
                    }
                    if (wrap) {
                        jdbc.execute("COMMIT");
                    }
                } catch (SQLException e) {
                    rollbackQuietly(jdbc, c);
                    return new Outcome(failure(statement, e), locks, System.nanoTime() - start);
                }
                if (state(c) == TransactionState.IDLE) {
                    release(heldSince, lastSeenHeld, existing, locks);
                }
                progress.ran(++done, steps.size());
            }
            if (transactional && state(c) != TransactionState.IDLE) {
                jdbc.execute("COMMIT");
            }
            release(heldSince, lastSeenHeld, existing, locks);
            return new Outcome(null, locks, System.nanoTime() - start);
        } catch (SQLException e) {
            Statement last = steps.isEmpty() ? null : steps.get(steps.size() - 1).statement();
            return new Outcome(failure(last, e), locks, System.nanoTime() - start);
        }
    }

    /**
     * Sends one statement as psql would: a {@code COPY ... FROM stdin} with the data rows written after it in the
     * script, through the COPY protocol; any other statement as it is written.
     */
    public static void execute(java.sql.Statement jdbc, Statement statement) throws SQLException {
        String data = statement.copyData();
        if (data == null) {
            jdbc.execute(statement.text());
            return;
        }
        try {
            jdbc.getConnection().unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                    .copyIn(statement.text(), new java.io.StringReader(data));
        } catch (java.io.IOException e) {
            throw new SQLException("cannot send the COPY rows: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code steps} inside a transaction that is rolled back at the end, leaving the database as it was: for
     * trying whether a script can run again. Only for scripts whose statements all run in a transaction block and
     * that do not control transactions themselves ({@link #canTry}).
     */
    public static Outcome trial(Connection c, List<Step> steps) {
        long start = System.nanoTime();
        try (java.sql.Statement jdbc = c.createStatement()) {
            jdbc.execute("BEGIN");
            for (Step step : steps) {
                try {
                    execute(jdbc, step.statement());
                } catch (SQLException e) {
                    rollbackQuietly(jdbc, c);
                    return new Outcome(failure(step.statement(), e), List.of(), System.nanoTime() - start);
                }
            }
            jdbc.execute("ROLLBACK");
            return new Outcome(null, List.of(), System.nanoTime() - start);
        } catch (SQLException e) {
            return new Outcome(failure(null, e), List.of(), System.nanoTime() - start);
        }
    }

    /** Whether {@link #trial} can run the script: no statement needs to run outside a transaction or controls one. */
    public static boolean canTry(List<Step> steps) {
        return steps.stream().allMatch(s -> s.transactionSafe() && s.statement().kind() == Statement.Kind.SQL
                && !isTransactionControl(s.statement()));
    }

    /** The oids of the relations named (SQL names, quoted as needed), by name; those that do not exist are left out. */
    public static Map<String, Long> oids(Connection c, List<String> sqlNames) {
        Map<String, Long> oids = new HashMap<>();
        if (sqlNames.isEmpty()) {
            return oids;
        }
        try (java.sql.PreparedStatement s = c.prepareStatement(
                "SELECT name, to_regclass(name)::oid::bigint FROM unnest(?::text[]) AS name")) {
            s.setArray(1, c.createArrayOf("text", sqlNames.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long oid = r.getLong(2);
                    if (!r.wasNull()) {
                        oids.put(r.getString(1), oid);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the oids of the rehearsal's tables failed: " + e.getMessage(), e);
        }
        return oids;
    }

    /**
     * Tables, views and materialized views of user schemas that exist now, by oid with display names: what a later
     * script's locks are traced on (a view locked by CREATE OR REPLACE VIEW blocks its readers too).
     */
    public static Map<Long, String> relations(Connection c) {
        Map<Long, String> relations = new HashMap<>();
        try (java.sql.Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT c.oid::bigint, n.nspname, c.relname FROM pg_class c "
                     + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'm', 'v') "
                     + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%' "
                     + "AND n.nspname NOT LIKE 'pg_temp%'")) {
            while (r.next()) {
                relations.put(r.getLong(1), Catalog.displayName(r.getString(2), r.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the relations of the rehearsal database failed: " + e.getMessage(), e);
        }
        return relations;
    }

    private static Set<Long> heldLocks(java.sql.Statement jdbc, Map<Long, String> existing) throws SQLException {
        Set<Long> held = new java.util.HashSet<>();
        try (ResultSet r = jdbc.executeQuery(LOCKS)) {
            while (r.next()) {
                long oid = r.getLong(1);
                if (existing.containsKey(oid)) {
                    held.add(oid);
                }
            }
        }
        return held;
    }

    /** The words of the relations' display names, in lower case: what a statement names them by. */
    private static Set<String> names(java.util.Collection<String> displayNames) {
        Set<String> words = new java.util.HashSet<>();
        displayNames.forEach(name -> words.addAll(List.of(name.toLowerCase(java.util.Locale.ROOT).split("\\."))));
        return words;
    }

    /** Statements that define objects and run no code of the database's when they do (no query, no extension). */
    private static final Set<String> DEFINING = Set.of("create", "alter", "comment", "grant", "revoke");
    private static final Set<String> RUNS_CODE = Set.of("extension", "materialized", "select", "execute", "values",
            "refresh", "perform", "call");

    /**
     * Whether {@code statement} may take a lock on a relation of {@code existingNames}: every statement but one that
     * defines objects, runs no code and names none of them. (Once a lock is held, every statement is traced: it is
     * held through them until the transaction ends.) Asking pg_locks after each of the thousands of statements
     * of a squashed schema, none of which names a relation that existed before it, doubled its time.
     */
    private static boolean mayLockExisting(Statement statement, Set<String> existingNames) {
        List<Token> words = statement.tokens().stream()
                .filter(t -> t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENTIFIER).toList();
        if (words.isEmpty() || !DEFINING.contains(words.get(0).value())) {
            return true;
        }
        return words.stream().map(t -> t.value().toLowerCase(java.util.Locale.ROOT))
                .anyMatch(word -> existingNames.contains(word) || RUNS_CODE.contains(word));
    }

    private static void release(Map<Long, Statement> heldSince, Map<Long, Statement> lastSeenHeld,
                                Map<Long, String> existing, List<Lock> locks) {
        for (Map.Entry<Long, Statement> e : heldSince.entrySet()) {
            locks.add(new Lock(existing.get(e.getKey()), e.getValue(), lastSeenHeld.get(e.getKey())));
        }
        heldSince.clear();
        lastSeenHeld.clear();
    }

    private static boolean isTransactionControl(Statement statement) {
        if (statement.tokens().isEmpty()) {
            return false;
        }
        String first = statement.tokens().get(0).text().toUpperCase(java.util.Locale.ROOT);
        return Set.of("BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "PREPARE")
                .contains(first);
    }

    private static TransactionState state(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getTransactionState();
    }

    private static void rollbackQuietly(java.sql.Statement jdbc, Connection c) {
        try {
            if (state(c) != TransactionState.IDLE) {
                jdbc.execute("ROLLBACK");
            }
        } catch (SQLException e) {
            // The connection is broken; the caller's next use reports it.
        }
    }

    private static Failure failure(Statement statement, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        int line = statement == null ? 0 : statement.line();
        String message = e.getMessage();
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage server = p.getServerErrorMessage();
            message = server.getMessage();
            if (server.getDetail() != null) {
                message += " (" + server.getDetail() + ")";
            }
            if (server.getHint() != null) {
                message += "; hint: " + server.getHint();
            }
            if (statement != null && server.getPosition() > 0 && server.getPosition() <= statement.text().length()) {
                line = statement.line() + (int) statement.text().substring(0, server.getPosition() - 1)
                        .chars().filter(ch -> ch == '\n').count();
            }
        }
        return new Failure(statement, line, state, DatabaseUrl.redact(message));
    }
}
