package dev.schemaguard.cli;

import dev.schemaguard.gate.Gate;
import dev.schemaguard.gate.Project;
import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TemporaryFolder;
import dev.schemaguard.config.ConfigLoader;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.report.Report;
import dev.schemaguard.source.MigrationSource;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;

final class LintCommand implements Callable<Integer> {

    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command("lint", LintCommand::new,
                new String[] {"Static analysis of migrations: re-run safety, breaking changes, locks and rewrites, "
                        + "with the runner's transaction semantics per format.",
                        "Takes a project directory, or .sql files (linted as one history, in the order given)."},
                "", "Suppress a finding with a comment on the line before the statement:",
                "  -- schemaguard:ignore RULE_ID the reason it does not apply",
                "", "Examples:", "  schemaguard lint examples/sql-expand-contract",
                "  schemaguard lint db/migrations/0042_add_index.sql --format sarif --output lint.sarif");
        spec.addPositional(PositionalParamSpec.builder().arity("0..*").paramLabel("PATH").type(List.class)
                .auxiliaryTypes(Path.class).description("A project directory (default: the current directory), or "
                        + ".sql files; - reads one file from standard input.").build());
        spec.addOption(CommandSpecs.option("--stdin-filename", "NAME", String.class,
                "The name of the file read from standard input (lint -), as findings show it (default: stdin.sql)."));
        FindingsFormat.addTo(spec);
        ChangeOptions.addTo(spec);
        ReportOptions.addTo(spec);
        return CommandSpecs.withHelpOptions(spec);
    }

    private final List<Path> paths;
    private final String stdinFilename;
    private final FindingsFormat output;
    private final ChangeOptions change;
    private final ReportOptions options;

    private LintCommand(CommandSpec parsed) {
        paths = CommandSpecs.argument(parsed);
        stdinFilename = CommandSpecs.value(parsed, "--stdin-filename");
        output = new FindingsFormat(parsed);
        change = new ChangeOptions(parsed);
        options = new ReportOptions(parsed);
    }

    @Override
    public Integer call() {
        List<Path> given = paths == null || paths.isEmpty() ? List.of(Path.of(".")) : paths;
        if (given.size() == 1 && given.get(0).toString().equals("-")) {
            return lintStandardInput();
        }
        if (stdinFilename != null) {
            throw new UsageException("--stdin-filename names the file read from standard input: give - as the path");
        }
        if (given.size() == 1 && Files.isDirectory(given.get(0))) {
            Project project = Project.load(given.get(0), options.config);
            return report(Gate.check(project, Commands.options("lint", null, options, false, null, change)), project);
        }
        return lintFiles(Path.of("").toAbsolutePath(), given);
    }

    private int lintFiles(Path base, List<Path> files) {
        if (change.since != null) {
            throw new UsageException("--since judges the migrations of a project that changed: give the project "
                    + "directory, not files");
        }
        ConfigLoader.Loaded config = new ConfigLoader(new HashSet<>(RuleCatalogue.ids()))
                .locate(Path.of("").toAbsolutePath(), options.config);
        MigrationGraph graph = MigrationGraph.of(new MigrationSource().loadFiles(base, files));
        Project project = new Project(base, config.config(), graph, GraphAnalysis.of(graph), config.file());
        return report(Gate.check(project, Commands.options("lint", null, options, false, null, change)), project);
    }

    /**
     * Lints the SQL on standard input (an editor's buffer, a generated migration) as one file named
     * {@code --stdin-filename}: written to a temporary folder under that name, so that it is read exactly as a file is.
     */
    private int lintStandardInput() {
        String name = stdinFilename == null ? "stdin.sql" : stdinFilename.replace('\\', '/');
        Path relative = Path.of(name).normalize();
        if (relative.isAbsolute() || relative.startsWith("..") || relative.getFileName() == null) {
            Path absolute = Path.of("").toAbsolutePath().resolve(name).normalize();
            Path cwd = Path.of("").toAbsolutePath();
            relative = absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute)
                    : Path.of(String.valueOf(absolute.getFileName()));
        }
        try (TemporaryFolder folder = TemporaryFolder.create("schemaguard-stdin-")) {
            Path file = folder.path().resolve(relative.toString());
            Files.createDirectories(file.getParent());
            Files.write(file, Main.stdin().readAllBytes());
            return lintFiles(folder.path(), List.of(file));
        } catch (IOException e) {
            throw new InputException("cannot read standard input: " + e.getMessage());
        }
    }

    private int report(Report report, Project project) {
        output.write(report, project, options);
        return Commands.exitCode(report);
    }
}
