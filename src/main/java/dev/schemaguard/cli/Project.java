package dev.schemaguard.cli;

import dev.schemaguard.config.Config;
import dev.schemaguard.config.ConfigLoader;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.MigrationSet;
import dev.schemaguard.source.MigrationSource;

import java.nio.file.Path;
import java.util.HashSet;

/**
 * A project read from disk: its configuration, its migration graph and the graph's shape. A configuration found in
 * a folder above the one named makes that folder the project (its paths are relative to it); the migrations are
 * still looked for from the folder named first.
 */
record Project(Path directory, Config config, MigrationGraph graph, GraphAnalysis analysis) {

    static Project load(Path dir, Path configFile) {
        ConfigLoader.Loaded loaded = new ConfigLoader(new HashSet<>(RuleCatalogue.ids())).locate(dir, configFile);
        Path absolute = dir.toAbsolutePath().normalize();
        boolean above = configFile == null && loaded.file() != null && !loaded.file().getParent().equals(absolute);
        Path project = above ? loaded.file().getParent() : dir;
        MigrationSet set = new MigrationSource().load(project, dir, loaded.config().migrations());
        if (above) {
            set = set.withNote("settings from " + absolute.relativize(loaded.file()).toString().replace('\\', '/')
                    + ", the nearest configuration above " + dir);
        }
        MigrationGraph graph = MigrationGraph.of(set);
        return new Project(project, loaded.config(), graph, GraphAnalysis.of(graph));
    }
}
