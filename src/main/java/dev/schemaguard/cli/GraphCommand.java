package dev.schemaguard.cli;

import dev.schemaguard.gate.Gate;
import dev.schemaguard.gate.Project;
import dev.schemaguard.graph.GraphRenderer;
import dev.schemaguard.report.JsonFormatter;
import dev.schemaguard.report.Report;
import dev.schemaguard.report.TextFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyse the revision graph: roots, heads, forks and where they merge, merges, missing "
                + "parents, cycles and duplicate ids, explained in words or drawn.",
                "With --stamp, show what an upgrade from that stamp to head runs, in order, or why it cannot."},
        footer = {"", "Examples:", "  schemaguard graph examples/alembic-fork",
                "  schemaguard graph examples/alembic-fork --stamp 018",
                "  schemaguard graph . --format svg --output history.svg"})
final class GraphCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PROJECT_DIR",
            description = "The project directory (default: the current directory).")
    Path projectDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Formats.Graph format;

    @Option(names = "--stamp", paramLabel = "REV[,REV]", split = ",",
            description = "The revisions a database is stamped with (its version table); shows the upgrade from there to head.")
    List<String> stamps;

    @Mixin
    ReportOptions options;

    @Override
    public Integer call() {
        Project project = Project.load(projectDir, options.config);
        Report report = Gate.graph(project, Commands.options("graph", stamps, options, true, null, null));
        String drawing = switch (format) {
            case DOT -> GraphRenderer.dot(project.graph(), project.analysis());
            case MERMAID -> GraphRenderer.mermaid(project.graph(), project.analysis());
            case SVG -> GraphRenderer.svg(project.graph(), project.analysis());
            case TEXT, JSON -> null;
        };
        if (drawing != null) {
            Output.write(drawing, options.output, Main.stdout());
        } else {
            Output.write(format == Formats.Graph.JSON ? new JsonFormatter() : new TextFormatter(options.quiet, options.textStyle()), report,
                    options.output, Main.stdout());
        }
        return Commands.exitCode(report);
    }
}
