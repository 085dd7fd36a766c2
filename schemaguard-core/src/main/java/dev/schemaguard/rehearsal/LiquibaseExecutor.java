package dev.schemaguard.rehearsal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.io.InputException;
import dev.schemaguard.postgres.DatabaseUrl;
import dev.schemaguard.postgres.ScratchDatabase;
import dev.schemaguard.source.LiquibaseChangelog;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationScript;

import java.io.File;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs Liquibase changelogs through the real Liquibase (liquibase-core, which SchemaGuard carries): a child JVM
 * ({@link LiquibaseDriver}, one per scratch database) opens the project's master changelog as Spring Boot or the
 * Liquibase command line would find it, and applies or rolls back one changeset per request, as
 * {@code liquibase update-count} and {@code rollback-count 1} do. Checksums, ordering, preconditions,
 * {@code runInTransaction}, {@code splitStatements} and the rollbacks Liquibase derives behave as in production, and
 * DATABASECHANGELOG records what is applied.
 */
public final class LiquibaseExecutor implements MigrationExecutor {

    private static final List<String> BOOKKEEPING = List.of("databasechangelog", "databasechangeloglock");

    private final DriverProcess driver;
    private final Path project;

    private LiquibaseExecutor(Path projectDir, DatabaseUrl url, Duration timeout) {
        this.project = projectDir.toAbsolutePath().normalize();
        ProcessBuilder command = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // a short-lived helper: quick start-up matters more than peak speed
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "-cp", classPath(project), LiquibaseDriver.class.getName()).directory(project.toFile());
        driver = new DriverProcess("Liquibase", command, url, timeout);
    }

    /**
     * Why Liquibase cannot run this project's changelog, in a sentence the user can act on ({@code customChange}
     * classes not compiled, a changelog Liquibase refuses); {@code null} when it can.
     */
    public static String problem(Path projectDir, MigrationGraph graph) {
        return LiquibaseChangelog.of(projectDir, graph.source().migrationsDir())
                .problem(LiquibaseChangelog.compiledClasses(projectDir));
    }

    /** Starts Liquibase on a scratch database with the project's master changelog. */
    public static LiquibaseExecutor start(Path projectDir, MigrationGraph graph, ScratchDatabase database) {
        Path project = projectDir.toAbsolutePath().normalize();
        LiquibaseChangelog changelog = LiquibaseChangelog.of(project, graph.source().migrationsDir());
        LiquibaseExecutor executor = new LiquibaseExecutor(project, database.url(), AlembicExecutor.STEP_TIMEOUT);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", "open");
        request.put("jdbc", database.url().jdbcUrl());
        request.put("properties", database.url().properties());
        request.put("roots", changelog.roots().stream().map(Path::toString).toList());
        request.put("changelog", changelog.changelog());
        JsonNode opened = executor.driver.request(request, "loading the project's changelog into Liquibase");
        if (!opened.path("ok").asBoolean()) {
            executor.close();
            throw new InputException(project.resolve(changelog.roots().get(0)).resolve(changelog.changelog()),
                    "Liquibase cannot read the changelog: " + executor.driver.message(opened));
        }
        return executor;
    }

    @Override
    public Execution up(Migration migration, Map<Long, String> existing) {
        Map<String, Object> request = step("up", migration, migration.up());
        request.put("trace", existing == null ? null : existing.keySet());
        return driver.execution(migration, request, "updating " + migration.id(), existing == null ? Map.of()
                : existing);
    }

    @Override
    public boolean hasDown(Migration migration) {
        JsonNode response = driver.request(step("has_down", migration, migration.up()), "reading the rollback of "
                + migration.id());
        if (!response.path("ok").asBoolean()) {
            throw new IllegalStateException("reading the rollback of " + migration.displayFile() + " failed: "
                    + driver.message(response));
        }
        return response.path("has_down").asBoolean();
    }

    @Override
    public Execution down(Migration migration) {
        return driver.execution(migration, step("down", migration, migration.down().orElse(migration.up())),
                "rolling back " + migration.id(), Map.of());
    }

    @Override
    public Execution rerun(Migration migration) {
        return driver.execution(migration, step("rerun", migration, migration.up()), "updating " + migration.id()
                + " again", Map.of());
    }

    @Override
    public List<String> versionTables() {
        return BOOKKEEPING;
    }

    /** Records the baseline's changesets in DATABASECHANGELOG, as {@code changelog-sync} does. */
    @Override
    public void stamp(List<String> revisions) {
        driver.stamp(revisions, "recording the baseline's changesets in DATABASECHANGELOG");
    }

    @Override
    public void close() {
        driver.close();
    }

    /** A step's request: the changeset, and its text as read, where the driver finds the failing statement's line. */
    private Map<String, Object> step(String op, Migration migration, MigrationScript script) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("op", op);
        request.put("rev", migration.id());
        request.put("file", project.relativize(script.file().toAbsolutePath().normalize()).toString()
                .replace('\\', '/'));
        request.put("text", script.text());
        request.put("first", script.firstLine());
        return request;
    }

    /**
     * The class path of the child JVM: this JVM's, which carries liquibase-core and SchemaGuard (inside a build tool,
     * the Maven plugin, the class loader's own jars), then the project's compiled classes, where the classes of its
     * {@code customChange}s are.
     */
    private static String classPath(Path project) {
        Set<String> entries = new LinkedHashSet<>();
        if (LiquibaseExecutor.class.getClassLoader() instanceof URLClassLoader loader) {
            for (URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    // not a file: nothing a child JVM could load
                }
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank() && Files.exists(Path.of(entry))) {
                entries.add(entry);
            }
        }
        LiquibaseChangelog.compiledClasses(project).forEach(classes -> entries.add(classes.toString()));
        return String.join(File.pathSeparator, entries);
    }
}
