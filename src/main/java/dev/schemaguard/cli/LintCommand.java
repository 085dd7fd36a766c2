package dev.schemaguard.cli;

import dev.schemaguard.config.Config;
import dev.schemaguard.config.ConfigLoader;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.report.Report;
import dev.schemaguard.source.MigrationSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "lint", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Static analysis of migrations: re-run safety, breaking changes, locks and rewrites, "
                + "with the runner's transaction semantics per format.",
                "Takes a project directory, or .sql files (linted as one history, in the order given)."},
        footer = {"", "Suppress a finding with a comment on the line before the statement:",
                "  -- schemaguard:ignore RULE_ID the reason it does not apply",
                "", "Examples:", "  schemaguard lint examples/sql-expand-contract",
                "  schemaguard lint db/migrations/0042_add_index.sql --format sarif --output lint.sarif"})
final class LintCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "A project directory (default: the current directory), or .sql files.")
    List<Path> paths;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Formats.Findings format;

    @Mixin
    ReportOptions options;

    @Override
    public Integer call() {
        List<Path> given = paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths;
        Report report;
        if (given.size() == 1 && Files.isDirectory(given.get(0))) {
            Project project = Project.load(given.get(0), options.config);
            report = Commands.checkReport("lint", project, null, options, false);
        } else {
            Path cwd = Path.of("").toAbsolutePath();
            Config config = new ConfigLoader(new HashSet<>(RuleCatalogue.ids())).load(cwd, options.config);
            MigrationGraph graph = MigrationGraph.of(new MigrationSource().loadFiles(cwd, given));
            Project files = new Project(cwd, config, graph, GraphAnalysis.of(graph));
            report = Commands.checkReport("lint", files, null, options, false);
        }
        Output.write(format.formatter(options), report, options.output,
                Main.stdout());
        return Commands.exitCode(report);
    }
}
