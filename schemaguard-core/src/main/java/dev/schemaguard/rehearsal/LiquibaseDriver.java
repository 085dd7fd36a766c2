package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemaguard.source.LiquibaseChangelog;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ResourceAccessor;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The child JVM that runs a project's changelog through the real Liquibase (liquibase-core on its class path), one
 * changeset per request, as {@code liquibase update-count 1} and {@code rollback-count 1} do: Liquibase parses the
 * changelog, checks its checksums, evaluates preconditions, splits statements, opens the changeset's transaction (or
 * not, with {@code runInTransaction: false}) and writes DATABASECHANGELOG. {@link LiquibaseExecutor} starts it; the
 * protocol is the Python drivers' (one JSON request per line on stdin, one JSON response per line on stdout):
 *
 * <pre>
 *   {"op": "open", "jdbc": "...", "properties": {...}, "roots": ["/abs/src/main/resources"],
 *    "changelog": "db/changelog/db.changelog-master.yaml"}
 *   {"op": "up", "rev": "author:id:file", "file": "...", "text": "...", "first": 12, "trace": [oid, ...] or null}
 *   {"op": "down" | "rerun" | "has_down", "rev": ..., "file": ..., "text": ..., "first": ...}
 *   {"op": "stamp", "revs": [...]}
 *   {"op": "quit"}
 * </pre>
 *
 * Liquibase's own output (its log, its UI) goes to stderr, so it cannot corrupt the protocol.
 */
public final class LiquibaseDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOCKS = "SELECT relation::bigint FROM pg_locks WHERE pid = pg_backend_pid() "
            + "AND locktype = 'relation' AND mode = 'AccessExclusiveLock' AND granted";

    private final PrintStream protocol;
    private Connection raw;
    private Database database;
    private Liquibase liquibase;
    private ResourceAccessor resources;
    private String password = "";
    /** The statement running, or last run, on the connection. */
    private String lastStatement;
    /** The first statement of the current request the server refused (Liquibase runs more after it: the unlock). */
    private String failedStatement;
    /** Traces the ACCESS EXCLUSIVE locks of the step running; {@code null} when the step is not traced. */
    private LockTrace trace;

    private LiquibaseDriver(PrintStream protocol) {
        this.protocol = protocol;
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err);
        // Nothing leaves the machine: no usage analytics, no banner, no update check.
        System.setProperty("liquibase.analytics.enabled", "false");
        System.setProperty("liquibase.showBanner", "false");
        System.setProperty("liquibase.hub.mode", "off");
        new LiquibaseDriver(protocol).serve();
    }

    private void serve() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            JsonNode request = JSON.readTree(line);
            String op = request.path("op").asText();
            if (op.equals("quit")) {
                break;
            }
            long start = System.nanoTime();
            failedStatement = null;
            ObjectNode response;
            try {
                response = resources == null ? respond(op, request) : Scope.child(
                        Map.of(Scope.Attr.resourceAccessor.name(), resources), () -> respond(op, request));
            } catch (Exception e) {
                response = failure(e, request);
            }
            response.put("nanos", System.nanoTime() - start);
            response.put("version_table", "databasechangelog");
            protocol.println(scrub(JSON.writeValueAsString(response)));
        }
        if (raw != null) {
            raw.close();
        }
    }

    private ObjectNode respond(String op, JsonNode request) throws Exception {
        switch (op) {
            case "open" -> {
                open(request);
                return ok();
            }
            case "up" -> {
                ChangeSet target = changeSet(request.path("rev").asText());
                trace = request.hasNonNull("trace") ? new LockTrace(request.get("trace")) : null;
                try {
                    update(target);
                    ObjectNode response = ok();
                    ArrayNode locks = response.putArray("locks");
                    if (trace != null) {
                        trace.report(locks, request);
                    }
                    return response;
                } finally {
                    trace = null;
                }
            }
            case "down" -> {
                ChangeSet target = changeSet(request.path("rev").asText());
                List<RanChangeSet> ran = database.getRanChangeSetList();
                RanChangeSet last = ran.isEmpty() ? null : ran.get(ran.size() - 1);
                if (last == null || !last.getId().equals(target.getId()) || !last.getAuthor().equals(target.getAuthor())) {
                    return refused("changeset " + request.path("rev").asText() + " is not the last one applied");
                }
                liquibase.rollback(1, null, new Contexts(), new LabelExpression());
                return ok();
            }
            case "rerun" -> {
                ChangeSet target = changeSet(request.path("rev").asText());
                database.removeRanStatus(target);
                try {
                    update(target);
                } catch (Exception e) {
                    database.markChangeSetExecStatus(target, ChangeSet.ExecType.EXECUTED);
                    throw e;
                }
                return ok();
            }
            case "has_down" -> {
                ChangeSet target = changeSet(request.path("rev").asText());
                boolean hasDown = !target.getRollback().getChanges().isEmpty() || (!target.getChanges().isEmpty()
                        && target.getChanges().stream().allMatch(c -> c.supportsRollback(database)));
                return ok().put("has_down", hasDown);
            }
            case "stamp" -> {
                // a baseline's database may have no DATABASECHANGELOG yet: created as an update creates it
                ChangeLogHistoryServiceFactory.getInstance().getChangeLogService(database).init();
                for (JsonNode rev : request.path("revs")) {
                    ChangeSet target = changeSet(rev.asText());
                    if (database.getRanChangeSet(target) == null) {
                        database.markChangeSetExecStatus(target, ChangeSet.ExecType.EXECUTED);
                    }
                }
                database.commit();
                return ok();
            }
            default -> {
                return refused("unknown request " + op);
            }
        }
    }

    /** Connects to the scratch database through a connection that remembers each statement, and reads the changelog. */
    private void open(JsonNode request) throws Exception {
        Properties properties = new Properties();
        request.path("properties").fields().forEachRemaining(p -> properties.setProperty(p.getKey(),
                p.getValue().asText()));
        password = properties.getProperty("password", "");
        raw = DriverManager.getConnection(request.path("jdbc").asText(), properties);
        Connection observed = (Connection) Proxy.newProxyInstance(LiquibaseDriver.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Observed(raw));
        List<Path> roots = new ArrayList<>();
        request.path("roots").forEach(root -> roots.add(Path.of(root.asText())));
        LiquibaseChangelog changelog = new LiquibaseChangelog(roots, request.path("changelog").asText());
        resources = changelog.resources();
        database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(observed));
        liquibase = Scope.child(Map.<String, Object>of(Scope.Attr.resourceAccessor.name(), resources), () -> {
            Liquibase opened = new Liquibase(changelog.changelog(), resources, database);
            // parsed now, so a changelog Liquibase cannot read is a failure of the opening, not of the first step
            opened.getDatabaseChangeLog();
            return opened;
        });
    }

    /**
     * Applies the changesets up to and including {@code target} that have not run: {@code update-count} of the
     * pending changesets up to it, so one whose precondition skipped it is evaluated again, as Liquibase would.
     */
    private void update(ChangeSet target) throws Exception {
        List<ChangeSet> unrun = liquibase.listUnrunChangeSets(new Contexts(), new LabelExpression(), false);
        int count = 0;
        for (ChangeSet changeSet : unrun) {
            count++;
            if (same(changeSet, target)) {
                liquibase.update(count, new Contexts(), new LabelExpression());
                return;
            }
        }
        throw new Refused("changeset " + target.getAuthor() + ":" + target.getId() + " is already applied");
    }

    /** The changeset {@code author:id:file} of the changelog: its file ends with Liquibase's path of it. */
    private ChangeSet changeSet(String rev) throws Exception {
        ChangeSet changeSet = LiquibaseChangelog.find(liquibase.getDatabaseChangeLog(), rev);
        if (changeSet == null) {
            throw new Refused("Liquibase's changelog has no changeset " + rev);
        }
        return changeSet;
    }

    private static boolean same(ChangeSet a, ChangeSet b) {
        return a.getId().equals(b.getId()) && a.getAuthor().equals(b.getAuthor())
                && a.getFilePath().equals(b.getFilePath());
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("ok", true);
    }

    private static ObjectNode refused(String message) {
        return JSON.createObjectNode().put("ok", false).put("sqlstate", "").put("message", message);
    }

    /**
     * The failure: the server's SQLSTATE and message when a statement failed, at the line of that statement in the
     * changeset's text when it is found there, else at the changeset; Liquibase's own message otherwise (a
     * precondition, a checksum).
     */
    private ObjectNode failure(Exception error, JsonNode request) {
        if (error instanceof Refused) {
            return refused(error.getMessage());
        }
        ObjectNode response = refused("");
        SQLException server = null;
        Throwable innermost = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && server == null) {
                server = sql;
            }
            innermost = t;
        }
        if (server != null && server.getSQLState() != null) {
            response.put("sqlstate", server.getSQLState());
            ServerErrorMessage detail = server instanceof PSQLException p ? p.getServerErrorMessage() : null;
            String message = detail != null && detail.getMessage() != null ? detail.getMessage()
                    : firstLine(server.getMessage()).replaceFirst("^ERROR:\\s*", "");
            if (detail != null && detail.getDetail() != null) {
                message += " (" + detail.getDetail() + ")";
            }
            if (detail != null && detail.getHint() != null) {
                message += "; hint: " + detail.getHint();
            }
            response.put("message", message);
            // the failing statement's line when the changeset's text holds it, else the changeset's own line
            int line = lineOf(failedStatement, request);
            response.put("file", request.path("file").asText());
            response.put("line", line > 0 ? line : request.path("first").asInt(0));
        } else {
            String message = firstLine(innermost.getMessage());
            response.put("message", "Liquibase: " + (message.isEmpty() ? innermost.getClass().getSimpleName()
                    : message));
        }
        return response;
    }

    /**
     * The line of {@code statement} in the changeset's text as SchemaGuard read it ({@code text}, whose first line
     * is {@code first}): where the whole statement stands, white space aside; else where a line starts as the
     * statement's first line does; 0 when it is not there (a change type whose SQL Liquibase generated).
     */
    private static int lineOf(String statement, JsonNode request) {
        String head = firstLine(statement);
        if (head.length() < 4) {
            return 0;
        }
        String[] lines = request.path("text").asText("").split("\n", -1);
        int first = request.path("first").asInt(1);
        String wanted = statement.replaceAll("\\s+", " ").strip();
        StringBuilder rest = new StringBuilder();
        int[] starts = new int[lines.length];
        for (int i = 0; i < lines.length; i++) {
            starts[i] = rest.length();
            rest.append(lines[i].replaceAll("\\s+", " ").strip()).append(' ');
        }
        String normalised = rest.toString();
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank() && normalised.startsWith(wanted, starts[i])) {
                return first + i;
            }
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(head)) {
                return first + i;
            }
        }
        return 0;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                return line.strip();
            }
        }
        return "";
    }

    private String scrub(String text) {
        return password.isEmpty() ? text : text.replace(password, "***");
    }

    /** A request the driver refuses before Liquibase runs anything: reported as it is. */
    private static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * After each statement of a traced step, the ACCESS EXCLUSIVE locks its transaction holds on the relations that
     * existed before it; each lock is reported at the line of the statement that took it, else the changeset's.
     */
    private final class LockTrace {
        private final Set<Long> oids = new HashSet<>();
        private final Map<Long, String> first = new LinkedHashMap<>();

        LockTrace(JsonNode oids) {
            oids.forEach(o -> this.oids.add(o.asLong()));
        }

        void record(String statement) throws SQLException {
            if (raw.getAutoCommit()) {
                return; // outside a transaction each statement's locks ended with it
            }
            try (Statement s = raw.createStatement(); ResultSet r = s.executeQuery(LOCKS)) {
                while (r.next()) {
                    long oid = r.getLong(1);
                    if (oids.contains(oid)) {
                        first.putIfAbsent(oid, statement);
                    }
                }
            }
        }

        void report(ArrayNode locks, JsonNode request) {
            String file = request.path("file").asText();
            int changeSetLine = request.path("first").asInt(1);
            Map<Long, Integer> lines = new LinkedHashMap<>();
            first.forEach((oid, statement) -> lines.put(oid, Math.max(lineOf(statement, request), changeSetLine)));
            int last = lines.values().stream().max(Integer::compare).orElse(changeSetLine);
            first.forEach((oid, statement) -> locks.addObject().put("oid", oid).put("file", file)
                    .put("line", lines.get(oid)).put("statement", firstLine(statement))
                    .put("held_until_line", last));
        }
    }

    /** The connection Liquibase uses: its statements remembered, and traced while a step is. */
    private final class Observed implements InvocationHandler {
        private final Object target;

        Observed(Object target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (target instanceof Connection && method.getName().startsWith("prepare") && args != null
                    && args.length > 0 && args[0] instanceof String sql) {
                lastStatement = sql;
            }
            boolean executes = target instanceof Statement && method.getName().startsWith("execute");
            if (executes && args != null && args.length > 0 && args[0] instanceof String sql) {
                lastStatement = sql;
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                if (executes && failedStatement == null) {
                    failedStatement = lastStatement;
                }
                throw e.getCause();
            }
            if (executes && trace != null && lastStatement != null) {
                trace.record(lastStatement);
            }
            if (result instanceof Statement statement && method.getReturnType().isInterface()) {
                return Proxy.newProxyInstance(LiquibaseDriver.class.getClassLoader(),
                        new Class<?>[] {method.getReturnType()}, new Observed(statement));
            }
            return result;
        }
    }
}
