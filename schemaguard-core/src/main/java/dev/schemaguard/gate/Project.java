package dev.schemaguard.gate;

import dev.schemaguard.config.Config;
import dev.schemaguard.config.ConfigLoader;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.io.InputException;
import dev.schemaguard.io.Repository;
import dev.schemaguard.report.Locations;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.source.MigrationSet;
import dev.schemaguard.source.MigrationSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A project read from disk: its configuration, its migration graph and the graph's shape. A configuration found in
 * a folder above the one named makes that folder the project (its paths are relative to it); the migrations are
 * still looked for from the folder named first.
 *
 * @param configFile the configuration file read, absolute, or {@code null} when there is none
 */
public record Project(Path directory, Config config, MigrationGraph graph, GraphAnalysis analysis, Path configFile) {

    /** Reads the project in {@code dir}, with the configuration file {@code configFile} or the one found from it. */
    public static Project load(Path dir, Path configFile) {
        ConfigLoader.Loaded loaded = new ConfigLoader(new HashSet<>(RuleCatalogue.ids())).locate(dir, configFile);
        Path absolute = dir.toAbsolutePath().normalize();
        boolean above = configFile == null && loaded.file() != null && !loaded.file().getParent().equals(absolute);
        Path project = above ? loaded.file().getParent() : dir;
        MigrationSet set = new MigrationSource().load(project, dir, loaded.config().migrations());
        if (above) {
            set = set.withNote("settings from " + absolute.relativize(loaded.file()).toString().replace('\\', '/')
                    + ", the nearest configuration above " + dir);
        } else if (loaded.file() != null && !loaded.file().getFileName().toString().equals(ConfigLoader.FILE_NAME)) {
            set = set.withNote("settings from " + loaded.file().getFileName());
        }
        MigrationGraph graph = MigrationGraph.of(set);
        return new Project(project, withAlembicIni(loaded.config(), project, set), graph, GraphAnalysis.of(graph),
                loaded.file());
    }

    /** The same project with every consumer asking for all its queries analysed in full (--fail-on-unanalysed). */
    public Project requiringFullCoverage() {
        Config full = new Config(config.migrations(), config.database(), config.require(),
                config.consumers().stream().map(c -> c.withMinCoverage(100)).toList(), config.rules(), config.alembic(),
                config.django());
        return new Project(directory, full, graph, analysis, configFile);
    }

    /**
     * Where the report's files are for the reports read from elsewhere (code scanning, CI annotations, pull-request
     * summaries): paths relative to {@code root}, by default the root of the git repository the project is in (the
     * project folder outside a repository), and each consumer's files relative to its own folder.
     *
     * @param root   the folder paths are written relative to, or {@code null} for the default
     * @param option the name the front end gives {@code root}, for the error when it is not a folder
     */
    public Locations locations(Path root, String option) {
        Path dir = directory.toAbsolutePath().normalize();
        Path base;
        if (root != null) {
            if (!Files.isDirectory(root)) {
                throw new InputException(root, option + ": not a directory");
            }
            base = root;
        } else {
            Path repository = Repository.root(dir);
            base = repository != null ? repository : dir;
        }
        Map<String, Path> consumers = new LinkedHashMap<>();
        for (Config.Consumer consumer : config.consumers()) {
            if (consumer.name() != null && consumer.path() != null) {
                consumers.putIfAbsent(consumer.name(), dir.resolve(consumer.path()).normalize());
            }
        }
        return new Locations(dir, base, consumers);
    }

    /**
     * An Alembic project whose alembic.ini is not in the project folder (Flask-Migrate keeps it in migrations/,
     * Airflow beside its migrations folder) is rehearsed with the one found beside its revisions, unless
     * alembic.config names another.
     */
    private static Config withAlembicIni(Config config, Path project, MigrationSet set) {
        Path root = project.toAbsolutePath().normalize();
        if (set.format() != MigrationFormat.ALEMBIC || !config.alembic().config().equals("alembic.ini")
                || Files.exists(root.resolve("alembic.ini"))) {
            return config;
        }
        for (Path dir = set.migrationsDir().getParent(); dir != null && dir.startsWith(root); dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("alembic.ini"))) {
                Config.Alembic alembic = new Config.Alembic(root.relativize(dir.resolve("alembic.ini")).toString(),
                        config.alembic().urlEnv(), config.alembic().python());
                return new Config(config.migrations(), config.database(), config.require(), config.consumers(),
                        config.rules(), alembic, config.django());
            }
        }
        return config;
    }
}
