package dev.schemaguard.cli;

import dev.schemaguard.gate.Gate;
import dev.schemaguard.gate.Project;
import dev.schemaguard.graph.GraphRenderer;
import dev.schemaguard.report.JsonFormatter;
import dev.schemaguard.report.Report;
import dev.schemaguard.report.TextFormatter;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

final class GraphCommand implements Callable<Integer> {

    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command("graph", GraphCommand::new,
                new String[] {"Analyse the revision graph: roots, heads, forks and where they merge, merges, missing "
                + "parents, cycles and duplicate ids, explained in words or drawn.",
                "With --stamp, show what an upgrade from that stamp to head runs, in order, or why it cannot."},
                "", "Examples:", "  schemaguard graph examples/alembic-fork",
                "  schemaguard graph examples/alembic-fork --stamp 018",
                "  schemaguard graph . --format svg --output history.svg");
        spec.addPositional(CommandSpecs.projectDirectory());
        spec.addOption(CommandSpecs.option("--format", "FORMAT", Formats.Graph.class, "text",
                "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."));
        spec.addOption(CommandSpecs.listOption("--stamp", "REV[,REV]", "The revisions a database is stamped with "
                + "(its version table); shows the upgrade from there to head."));
        ReportOptions.addTo(spec);
        return CommandSpecs.withHelpOptions(spec);
    }

    private final Path projectDir;
    private final Formats.Graph format;
    private final List<String> stamps;
    private final ReportOptions options;

    private GraphCommand(CommandSpec parsed) {
        projectDir = CommandSpecs.argument(parsed);
        format = CommandSpecs.value(parsed, "--format");
        stamps = CommandSpecs.value(parsed, "--stamp");
        options = new ReportOptions(parsed);
    }

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
