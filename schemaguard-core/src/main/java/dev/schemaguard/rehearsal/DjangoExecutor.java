package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.config.Config;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.source.Migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Django migrations through the project's own Django: a Python driver process (one per scratch database) loads
 * the project's settings module with its databases replaced by the scratch database, and applies or unapplies one
 * migration per request with Django's {@code MigrationExecutor}, as {@code manage.py migrate APP NAME} does one
 * migration at a time. The schema editor emits what Django really emits, RunPython runs, and django_migrations
 * records what is applied.
 */
public final class DjangoExecutor implements MigrationExecutor {

    private static final String DRIVER = "django_driver.py";
    private static final PythonDriver.Needs NEEDS = new PythonDriver.Needs("Django", "django.python",
            List.of("django", "psycopg2"), "apt install python3-django python3-psycopg2, or pip install django "
            + "psycopg2-binary", "pip install django psycopg2-binary");
    private static final Pattern SETTINGS_DEFAULT = Pattern.compile(
            "DJANGO_SETTINGS_MODULE['\"]\\s*,\\s*['\"]([A-Za-z_][\\w.]*)['\"]");
    /** Loads the settings as the driver does and prints "ok", or the error that stops them. */
    private static final String SETUP_PROBE = "import os, sys\n"
            + "sys.path.insert(0, os.path.realpath(sys.argv[1]))\n"
            + "os.environ['DJANGO_SETTINGS_MODULE'] = sys.argv[2]\n"
            + "try:\n"
            + "    import django\n"
            + "    django.setup()\n"
            + "    print('ok')\n"
            + "except BaseException as error:\n"
            + "    text = str(error).strip().splitlines()\n"
            + "    print('%s: %s' % (type(error).__name__, text[0] if text else '(no message)'))\n";
    private static final Map<String, Preparation> PREPARED = new ConcurrentHashMap<>();

    /**
     * How the project's Django is loaded, or why it cannot be.
     *
     * @param python   the interpreter with Django and psycopg2
     * @param root     the folder put first on the module path (manage.py's), relative to the project
     * @param settings the settings module
     * @param problem  why Django cannot be run for this project, in a sentence the user can act on; {@code null}
     *                 when it can
     */
    public record Preparation(String python, String root, String settings, String problem) {

        public boolean available() {
            return problem == null;
        }
    }

    private final PythonDriver driver;

    private DjangoExecutor(Path projectDir, String python, DatabaseUrl url, Duration timeout) {
        driver = new PythonDriver("Django", DRIVER, projectDir, python, url, timeout);
    }

    /**
     * Finds a Python with Django ({@code django.python}, else the project's virtual environment, then the system's)
     * and the settings module ({@code django.settings}, else the default manage.py sets), and loads them once, as
     * the driver will. Probed once per project per JVM.
     */
    public static Preparation prepare(Path projectDir, Config.Django settings, MigrationGraph graph) {
        String key = projectDir.toAbsolutePath().normalize() + "\n" + settings.python() + "\n" + settings.settings();
        return PREPARED.computeIfAbsent(key, k -> probe(projectDir, settings, graph));
    }

    /**
     * Starts a driver on a scratch database with the project's settings; the migrations of installed apps outside
     * the project are applied there first.
     */
    public static DjangoExecutor start(Path projectDir, Preparation django, MigrationGraph graph,
                                       ScratchDatabase database) {
        DjangoExecutor executor = new DjangoExecutor(projectDir, django.python(), database.url(),
                AlembicExecutor.STEP_TIMEOUT);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "open");
        request.put("root", django.root());
        request.put("settings", django.settings());
        request.put("database", address(database.url()));
        request.put("apps", new TreeSet<>(graph.migrations().stream().map(m -> app(m.id())).toList()));
        JsonNode opened = executor.driver.request(request, "loading the project's Django");
        if (!opened.path("ok").asBoolean()) {
            executor.close();
            throw new InputException(opened.hasNonNull("file") ? projectDir.resolve(opened.get("file").asText()) : null,
                    opened.path("line").asInt(), "Django cannot load the project: "
                    + executor.driver.message(opened));
        }
        return executor;
    }

    @Override
    public Execution up(Migration migration, Map<Long, String> existing) {
        Map<String, Object> request = step("up", migration);
        request.put("trace", existing == null ? null : existing.keySet());
        return driver.execution(migration, request, "migrating " + migration.id(), existing == null ? Map.of()
                : existing);
    }

    @Override
    public boolean hasDown(Migration migration) {
        JsonNode response = driver.request(step("has_down", migration), "reading the operations of "
                + migration.id());
        if (!response.path("ok").asBoolean()) {
            throw new IllegalStateException("reading the operations of " + migration.displayFile() + " failed: "
                    + driver.message(response));
        }
        return response.path("has_down").asBoolean();
    }

    @Override
    public Execution down(Migration migration) {
        return driver.execution(migration, step("down", migration), "unapplying " + migration.id(), Map.of());
    }

    @Override
    public Execution rerun(Migration migration) {
        return driver.execution(migration, step("rerun", migration), "migrating " + migration.id() + " again",
                Map.of());
    }

    @Override
    public List<String> versionTables() {
        return driver.versionTables();
    }

    /**
     * Records the baseline's migrations and everything they depend on in django_migrations, as {@code migrate
     * --fake} does.
     */
    @Override
    public void stamp(List<String> revisions) {
        driver.stamp(revisions, "recording the baseline's migrations in django_migrations");
    }

    @Override
    public void close() {
        driver.close();
    }

    private static Map<String, Object> step(String op, Migration migration) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", op);
        request.put("rev", migration.id());
        return request;
    }

    private static String app(String id) {
        return id.substring(0, id.indexOf('.'));
    }

    /** The scratch database as a DATABASES entry; a socket directory is the HOST, as libpq takes it. */
    private static Map<String, Object> address(DatabaseUrl url) {
        Map<String, Object> options = new LinkedHashMap<>(url.libpqParameters());
        options.put("application_name", "schemaguard");
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("NAME", url.database());
        database.put("USER", url.user());
        database.put("PASSWORD", url.properties().getProperty("password", ""));
        database.put("HOST", url.host().replace("[", "").replace("]", ""));
        database.put("PORT", String.valueOf(url.port()));
        database.put("OPTIONS", options);
        return database;
    }

    private static Preparation probe(Path projectDir, Config.Django settings, MigrationGraph graph) {
        PythonDriver.Availability python = PythonDriver.find(projectDir, settings.python(), NEEDS);
        if (!python.available()) {
            return new Preparation(null, null, null, python.problem());
        }
        Path project = projectDir.toAbsolutePath().normalize();
        Optional<Path> manage = manageScript(project, graph);
        Path root = manage.map(Path::getParent).orElseGet(() -> appsFolder(project, graph));
        String module = settings.settings() != null ? settings.settings() : manage.flatMap(DjangoExecutor::defaultSettings)
                .orElse(null);
        if (module == null) {
            return new Preparation(null, null, null, manage.map(m -> project.relativize(m) + " does not set "
                    + "DJANGO_SETTINGS_MODULE").orElse("no manage.py found") + "; set django.settings in "
                    + "schemaguard.yml to the project's settings module to rehearse Django migrations");
        }
        String rootName = project.relativize(root).toString();
        String loaded = PythonDriver.run(projectDir, python.python(), SETUP_PROBE, List.of(
                rootName.isEmpty() ? "." : rootName, module)).orElse("the interpreter did not answer");
        if (!loaded.equals("ok")) {
            return new Preparation(null, null, null, "the project's Django settings (" + module + ") cannot be "
                    + "loaded with " + python.python() + ": " + loaded + "; install the project's dependencies for "
                    + "it, or set django.python in schemaguard.yml to the project's interpreter");
        }
        return new Preparation(python.python(), rootName.isEmpty() ? "." : rootName, module, null);
    }

    /** manage.py in the project folder, else in the folders between it and the apps. */
    private static Optional<Path> manageScript(Path project, MigrationGraph graph) {
        if (Files.isRegularFile(project.resolve("manage.py"))) {
            return Optional.of(project.resolve("manage.py"));
        }
        for (Migration m : graph.migrations()) {
            for (Path dir = project.resolve(m.file()).getParent(); dir != null && dir.startsWith(project);
                 dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("manage.py"))) {
                    return Optional.of(dir.resolve("manage.py"));
                }
            }
        }
        return Optional.empty();
    }

    /** The folder that holds the first app: {@code players/migrations/0001_initial.py} is module players there. */
    private static Path appsFolder(Path project, MigrationGraph graph) {
        Path file = project.resolve(graph.migrations().get(0).file());
        return file.getParent().getParent().getParent();
    }

    private static Optional<String> defaultSettings(Path manage) {
        try {
            Matcher m = SETTINGS_DEFAULT.matcher(Files.readString(manage, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
