package dev.schemaguard.cli;

import dev.schemaguard.config.Config;
import dev.schemaguard.config.ConfigLoader;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.MigrationSource;

import java.nio.file.Path;
import java.util.HashSet;

/** A project read from disk: its configuration, its migration graph and the graph's shape. */
record Project(Path directory, Config config, MigrationGraph graph, GraphAnalysis analysis) {

    static Project load(Path dir, Path configFile) {
        Config config = new ConfigLoader(new HashSet<>(RuleCatalogue.ids())).load(dir, configFile);
        MigrationGraph graph = MigrationGraph.of(new MigrationSource().load(dir, config.migrations()));
        return new Project(dir, config, graph, GraphAnalysis.of(graph));
    }
}
