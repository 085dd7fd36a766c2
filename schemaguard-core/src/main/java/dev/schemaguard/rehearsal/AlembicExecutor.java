package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.config.Config;
import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.source.Migration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
    private static final PythonDriver.Needs NEEDS = new PythonDriver.Needs("Alembic", "alembic.python",
            List.of("alembic", "sqlalchemy", "psycopg2"), "apt install python3-alembic python3-psycopg2, or pip "
            + "install alembic psycopg2-binary", "pip install alembic psycopg2-binary");
    private static final Map<String, PythonDriver.Availability> PROBED = new ConcurrentHashMap<>();

    private final PythonDriver driver;
    private final List<String> urlVariables = new ArrayList<>();

    /**
     * Finds a Python that can run the project's Alembic on PostgreSQL: {@code alembic.python} when set (and only
     * it), otherwise the first of {@link PythonDriver#candidates}. Each interpreter is probed once per JVM.
     */
    public static PythonDriver.Availability availability(Path projectDir, Config.Alembic settings) {
        String key = projectDir.toAbsolutePath().normalize() + "\n" + settings.python();
        return PROBED.computeIfAbsent(key, k -> PythonDriver.find(projectDir, settings.python(), NEEDS));
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
        PythonDriver.Availability availability = availability(projectDir, settings);
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
        driver = new PythonDriver("Alembic", DRIVER, projectDir, python, url, timeout);
    }

    /**
     * The version table env.py configured ({@code version_table}, {@code version_table_schema}), as a display
     * name, once env.py has run; {@code alembic_version} is what Alembic uses unless told otherwise.
     */
    @Override
    public List<String> versionTables() {
        return driver.versionTables();
    }

    /**
     * Sets the version table to {@code revisions} through env.py, as {@code alembic stamp} does, so that the
     * rehearsal continues from a baseline in whatever version table the project configured.
     *
     * @throws InputException when Alembic refuses (a revision it does not know, env.py failing)
     */
    @Override
    public void stamp(List<String> revisions) {
        driver.stamp(revisions, "stamping the rehearsal database with the baseline's revisions");
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

    @Override
    public void close() {
        driver.close();
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
        return driver.execution(migration, request, describe(request), existing);
    }

    private JsonNode request(Map<String, Object> request) {
        return driver.request(request, describe(request));
    }

    private String message(JsonNode response) {
        return driver.message(response);
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
}
