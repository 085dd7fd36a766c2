package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemaguard.config.Config;
import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.postgres.Cleanup;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.OwnFolders;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.source.Migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs Alembic migrations through the project's own Alembic: a Python driver process (one per scratch database)
 * executes one revision step per request with Alembic's machinery, so env.py runs as in production, SQLAlchemy
 * emits what it really emits (an {@code sa.Enum} creates its type), and Alembic maintains the version table.
 */
public final class AlembicExecutor implements MigrationExecutor {

    /** How long one step may take before it counts as hung: it is then a failure and the driver is stopped. */
    public static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

    private static final String DRIVER = "alembic_driver.py";
    private static final String INSTALL = "apt install python3-alembic python3-psycopg2, or pip install alembic "
            + "psycopg2-binary";
    private static final List<String> MODULES = List.of("alembic", "sqlalchemy", "psycopg2");
    /** Prints the modules the interpreter lacks, or "ok"; the project directory is kept off sys.path. */
    private static final String PROBE = "import sys\n"
            + "sys.path[:] = [p for p in sys.path if p not in ('', '.')]\n"
            + "missing = []\n"
            + "for name in " + MODULES.stream().map(m -> "'" + m + "'").toList() + ":\n"
            + "    try:\n"
            + "        __import__(name)\n"
            + "    except ImportError:\n"
            + "        missing.append(name)\n"
            + "print(' '.join(missing) if missing else 'ok')\n";
    private static final Map<String, Availability> PROBED = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Whether Alembic migrations can be rehearsed with this project's settings.
     *
     * @param python  the interpreter that can {@code import alembic, sqlalchemy, psycopg2}, or {@code null}
     * @param problem why none can, in one sentence the user can act on; {@code null} when {@code python} is set
     */
    public record Availability(String python, String problem) {

        public boolean available() {
            return problem == null;
        }
    }

    private final Process process;
    /** One instance, registered with the process-wide clean-up so it runs in order with the servers' own. */
    private final Runnable killAtExit = this::kill;
    private final Writer requests;
    private final BlockingQueue<Optional<String>> responses = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private final Duration timeout;
    private final String password;
    private final List<String> urlVariables = new ArrayList<>();
    /** The version table env.py configured, as a display name; {@code null} until env.py has run. */
    private volatile String versionTable;
    /** Why the driver no longer runs, once it does not; requests then fail at once. */
    private String stopped;

    /**
     * Finds a Python that can run the project's Alembic on PostgreSQL: {@code alembic.python} when set (and only
     * it), otherwise the project's virtual environment ({@code .venv}, {@code venv}), {@code python3}, then
     * {@code /usr/bin/python3}. Each interpreter is probed once per JVM.
     */
    public static Availability availability(Path projectDir, Config.Alembic settings) {
        String key = projectDir.toAbsolutePath().normalize() + "\n" + settings.python();
        return PROBED.computeIfAbsent(key, k -> probe(projectDir, settings));
    }

    /**
     * Starts a driver on a scratch database and opens the project's Alembic configuration in it (every revision
     * file is loaded there: one that cannot be imported is an {@link InputException} naming its file and line).
     */
    public static AlembicExecutor start(Path projectDir, Config.Alembic settings, ScratchDatabase database) {
        return start(projectDir, settings, database, STEP_TIMEOUT);
    }

    static AlembicExecutor start(Path projectDir, Config.Alembic settings, ScratchDatabase database,
                                 Duration timeout) {
        Availability availability = availability(projectDir, settings);
        if (!availability.available()) {
            throw new InputException(availability.problem());
        }
        if (!Files.isRegularFile(projectDir.resolve(settings.config()))) {
            throw new InputException(projectDir.resolve(settings.config()), "Alembic configuration not found; set "
                    + "alembic.config in schemaguard.yml to the path of the project's alembic.ini");
        }
        AlembicExecutor executor = new AlembicExecutor(projectDir, availability.python(), database.url(), timeout);
        JsonNode opened = executor.request(open(settings, database.url()));
        if (!opened.path("ok").asBoolean()) {
            executor.close();
            throw new InputException(opened.hasNonNull("file") ? projectDir.resolve(opened.get("file").asText()) : null,
                    opened.path("line").asInt(), "Alembic cannot load the project: " + executor.message(opened));
        }
        opened.path("url_env").forEach(name -> executor.urlVariables.add(name.asText()));
        return executor;
    }

    private AlembicExecutor(Path projectDir, String python, DatabaseUrl url, Duration timeout) {
        this.timeout = timeout;
        this.password = url.properties().getProperty("password", "");
        ProcessBuilder builder = new ProcessBuilder(python, driverFile().toString()).directory(projectDir.toFile());
        // No bytecode caches in the project's versions folder; the protocol must not wait in a buffer.
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        builder.environment().put("PYTHONUNBUFFERED", "1");
        builder.environment().put("PYTHONIOENCODING", "utf-8");
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting the Alembic driver with " + python + " failed", e);
        }
        // Registered after the scratch database and server, so at exit the driver ends before they go.
        Cleanup.register(killAtExit);
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        daemon("schemaguard-alembic-out", () -> readResponses(process.getInputStream()));
        daemon("schemaguard-alembic-err", () -> keepTail(process.getErrorStream()));
    }

    /**
     * The version table env.py configured ({@code version_table}, {@code version_table_schema}), as a display
     * name, once env.py has run; {@code alembic_version} is what Alembic uses unless told otherwise.
     */
    @Override
    public List<String> versionTables() {
        return versionTable == null ? List.of() : List.of(versionTable);
    }

    /**
     * Sets the version table to {@code revisions} through env.py, as {@code alembic stamp} does, so that the
     * rehearsal continues from a baseline in whatever version table the project configured.
     *
     * @throws InputException when Alembic refuses (a revision it does not know, env.py failing)
     */
    @Override
    public void stamp(List<String> revisions) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "stamp");
        request.put("revs", revisions);
        JsonNode response = request(request);
        if (!response.path("ok").asBoolean()) {
            throw new InputException("stamping the rehearsal database with the baseline's revisions ("
                    + String.join(", ", revisions) + ") failed: " + message(response));
        }
    }

    /** The environment variables the database URL was given in (configured, or detected in env.py). */
    public List<String> urlVariables() {
        return List.copyOf(urlVariables);
    }

    @Override
    public Execution up(Migration migration, Map<Long, String> existing) {
        Map<String, Object> request = step("up", migration);
        request.put("trace", existing == null ? null : existing.keySet());
        return execution(migration, request, existing);
    }

    @Override
    public boolean hasDown(Migration migration) {
        JsonNode response = request(step("has_down", migration));
        if (!response.path("ok").asBoolean()) {
            throw new IllegalStateException("reading downgrade() of " + migration.displayFile() + " failed: "
                    + message(response));
        }
        return response.path("has_down").asBoolean();
    }

    @Override
    public Execution down(Migration migration) {
        return execution(migration, step("down", migration), Map.of());
    }

    @Override
    public Execution rerun(Migration migration) {
        return execution(migration, step("rerun", migration), Map.of());
    }

    /** Asks the driver to quit, then ends it for sure. */
    @Override
    public void close() {
        if (stopped == null) {
            try {
                send(Map.of("op", "quit"));
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (IOException e) {
                // The driver is gone already; the clean-up below is all that is left to do.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped = "the Alembic driver was closed";
        }
        Cleanup.run(killAtExit);
    }

    private void kill() {
        process.destroyForcibly();
    }

    /**
     * The driver script, in a folder of the user's cache that only the user may enter: Python puts the script's
     * folder first on the module path, so a shared folder such as /tmp would let another user's alembic.py or json.py
     * run in the driver. Written once per version of the script, never left behind by a run.
     */
    private static Path driverFile() {
        try (InputStream in = AlembicExecutor.class.getResourceAsStream(DRIVER)) {
            return OwnFolders.cachedFile("alembic", "driver", ".py", in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("reading the Alembic driver from SchemaGuard's jar failed", e);
        }
    }

    private static Map<String, Object> open(Config.Alembic settings, DatabaseUrl url) {
        Map<String, Object> query = new LinkedHashMap<>(url.libpqParameters());
        query.put("application_name", "schemaguard");
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("user", url.user());
        address.put("password", url.properties().getProperty("password"));
        // A socket directory (the embedded server's) goes in the query, where SQLAlchemy and libpq take it.
        address.put("host", url.host().replace("[", "").replace("]", ""));
        address.put("port", url.port());
        address.put("database", url.database());
        address.put("query", query);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "open");
        request.put("config", settings.config());
        request.put("url", address);
        request.put("url_env", settings.urlEnv().isEmpty() ? null : settings.urlEnv());
        request.put("database", url.database());
        return request;
    }

    private static Map<String, Object> step(String op, Migration migration) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", op);
        request.put("rev", migration.id());
        return request;
    }

    private Execution execution(Migration migration, Map<String, Object> request, Map<Long, String> existing) {
        long start = System.nanoTime();
        JsonNode response = request(request);
        long nanos = response.has("nanos") ? response.get("nanos").asLong() : System.nanoTime() - start;
        if (!response.path("ok").asBoolean()) {
            String file = response.hasNonNull("file") ? response.get("file").asText() : migration.displayFile();
            return new Execution(new Execution.Failure(file, response.path("line").asInt(),
                    response.path("sqlstate").asText(""), message(response)), List.of(), nanos);
        }
        List<Execution.Lock> locks = new ArrayList<>();
        for (JsonNode lock : response.path("locks")) {
            locks.add(new Execution.Lock(existing.get(lock.get("oid").asLong()), lock.get("file").asText(),
                    lock.get("line").asInt(), lock.get("statement").asText(), lock.get("held_until_line").asInt()));
        }
        return new Execution(null, locks, nanos);
    }

    /** Sends one request and waits for its response; a dead or hung driver answers with a failure. */
    private JsonNode request(Map<String, Object> request) {
        if (stopped != null) {
            return failure("not run: " + stopped);
        }
        try {
            send(request);
            Optional<String> line = responses.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (line == null) {
                stopped = describe(request) + " did not finish within " + human(timeout) + " (a lock wait, or a "
                        + "long data migration?); SchemaGuard stopped the Alembic driver";
                kill();
            } else if (line.isEmpty()) {
                stopped = "the Alembic driver ended unexpectedly" + exitCode() + lastError();
            } else {
                JsonNode response = JSON.readTree(line.get());
                if (response.hasNonNull("version_table")) {
                    String schema = response.path("version_table_schema").asText("");
                    versionTable = Catalog.displayName(schema.isEmpty() ? "public" : schema,
                            response.get("version_table").asText());
                }
                return response;
            }
        } catch (IOException e) {
            stopped = "the Alembic driver cannot be reached (" + e.getMessage() + ")" + lastError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = "interrupted while waiting for the Alembic driver";
            kill();
        }
        return failure(stopped);
    }

    private static JsonNode failure(String message) {
        return JSON.createObjectNode().put("ok", false).put("sqlstate", "").put("message", message);
    }

    private void send(Map<String, Object> request) throws IOException {
        requests.write(JSON.writeValueAsString(request));
        requests.write('\n');
        requests.flush();
    }

    private String message(JsonNode response) {
        return redact(response.path("message").asText(""));
    }

    private static String describe(Map<String, Object> request) {
        Object rev = request.get("rev");
        return switch (String.valueOf(request.get("op"))) {
            case "up" -> "upgrade() of " + rev;
            case "down" -> "downgrade() of " + rev;
            case "rerun" -> "the second upgrade() of " + rev;
            case "has_down" -> "reading downgrade() of " + rev;
            default -> "loading the project's Alembic";
        };
    }

    private static String human(Duration duration) {
        return duration.toSecondsPart() == 0 && duration.toMinutes() > 0
                ? duration.toMinutes() + " minutes" : duration.toSeconds() + " seconds";
    }

    private String exitCode() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? " (exit code " + process.exitValue() + ")" : "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The driver's last words on stderr (a traceback's last line names the error). */
    private String lastError() {
        synchronized (stderrTail) {
            return stderrTail.isEmpty() ? "" : ": " + redact(stderrTail.peekLast());
        }
    }

    private String redact(String text) {
        String redacted = DatabaseUrl.redact(text);
        return password.isEmpty() ? redacted : redacted.replace(password, "***");
    }

    private void readResponses(InputStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                responses.add(Optional.of(line));
            }
        } catch (IOException e) {
            // The process ended; the end marker below tells the waiting request.
        }
        responses.add(Optional.empty());
    }

    private void keepTail(InputStream err) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                synchronized (stderrTail) {
                    if (stderrTail.size() == 20) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line.strip());
                }
            }
        } catch (IOException e) {
            // The process ended; what was read is kept.
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** What one interpreter can do: whether it runs at all, and which needed modules it cannot import. */
    private record Probe(String python, boolean runs, List<String> missing) {

        boolean usable() {
            return runs && missing.isEmpty();
        }
    }

    private static Availability probe(Path projectDir, Config.Alembic settings) {
        if (settings.python() != null) {
            String configured = settings.python();
            // A path is the project's (.venv/bin/python); the process starts in the project directory, so it is
            // made absolute here rather than resolved twice.
            Probe probe = probe(projectDir, configured.contains("/") && !Path.of(configured).isAbsolute()
                    ? projectDir.toAbsolutePath().resolve(configured).normalize().toString() : configured);
            if (!probe.runs()) {
                return new Availability(null, "alembic.python '" + configured + "' in schemaguard.yml cannot be "
                        + "run; set it to the Python interpreter that has the project's Alembic");
            }
            if (!probe.usable()) {
                return new Availability(null, "alembic.python '" + configured + "' lacks "
                        + String.join(", ", probe.missing()) + "; install them for it (pip install alembic "
                        + "psycopg2-binary) to rehearse Alembic migrations");
            }
            return new Availability(probe.python(), null);
        }
        List<String> candidates = candidates(projectDir);
        List<String> lacking = new ArrayList<>();
        for (String python : candidates) {
            Probe probe = probe(projectDir, python);
            if (probe.usable()) {
                return new Availability(python, null);
            }
            if (probe.runs()) {
                lacking.add(python + " lacks " + String.join(", ", probe.missing()));
            }
        }
        if (lacking.isEmpty()) {
            return new Availability(null, "No Python found (" + String.join(", ", candidates) + "); install "
                    + "Python 3 with Alembic (" + INSTALL + ") to rehearse Alembic migrations");
        }
        return new Availability(null, "Alembic is not installed for any Python found (" + String.join("; ", lacking)
                + "); install it (" + INSTALL + ") to rehearse Alembic migrations");
    }

    private static List<String> candidates(Path projectDir) {
        List<String> candidates = new ArrayList<>();
        for (String venv : List.of(".venv", "venv")) {
            Path python = projectDir.toAbsolutePath().normalize().resolve(venv).resolve("bin").resolve("python");
            if (Files.isExecutable(python)) {
                candidates.add(python.toString());
            }
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        return candidates;
    }

    /** Runs the interpreter in the project directory (where pyenv and the like pick their version). */
    private static Probe probe(Path projectDir, String python) {
        try {
            Process p = new ProcessBuilder(python, "-c", PROBE).directory(projectDir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            // The answer is one short line: it fits the pipe, so waiting first cannot block the interpreter.
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Probe(python, false, MODULES);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                return new Probe(python, false, MODULES);
            }
            return new Probe(python, true, out.equals("ok") ? List.of() : List.of(out.split(" ")));
        } catch (IOException e) {
            return new Probe(python, false, MODULES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(python, false, MODULES);
        }
    }
}
