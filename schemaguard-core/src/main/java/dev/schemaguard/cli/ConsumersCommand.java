package dev.schemaguard.cli;

import dev.schemaguard.gate.Consumers;
import dev.schemaguard.gate.Project;
import dev.schemaguard.consumers.ConsumerBreakage;
import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.consumers.Registry;
import dev.schemaguard.consumers.SchemaHistory;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.io.InputException;
import dev.schemaguard.report.ConsumersJsonFormatter;
import dev.schemaguard.report.ConsumersTextFormatter;
import dev.schemaguard.report.Report;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

final class ConsumersCommand implements Callable<Integer> {

    static CommandSpec spec() {
        CommandSpec spec = CommandSpecs.command("consumers", ConsumersCommand::new,
                new String[] {"Finds the SQL in the code of the services that share the database (the consumers declared "
                + "in schemaguard.yml) and what each query reads and writes: tables, columns, and the columns a "
                + "SELECT t.* is used for (followed through the code's member reads).",
                "--format markdown writes the shared-table registry; --check FILE fails when a checked-in registry "
                        + "is stale. A migration that removes what a consumer uses is consumer-breaking-change."},
                "", "Exit codes: 0 nothing at or above --fail-on (and, with --check, the file is current), 1 "
                + "findings at or above it or a stale --check file, 2 bad usage or unreadable input.",
                "", "Examples:", "  schemaguard consumers examples/alembic-fork",
                "  schemaguard consumers . --format markdown --output docs/shared-tables.md",
                "  schemaguard consumers . --check docs/shared-tables.md   (in CI)");
        spec.addPositional(CommandSpecs.projectDirectory());
        spec.addOption(CommandSpecs.option("--format", "FORMAT", Formats.Consumers.class, "text",
                "${COMPLETION-CANDIDATES} (markdown: the registry) (default: ${DEFAULT-VALUE})."));
        spec.addOption(CommandSpecs.option("--check", "FILE", Path.class, "Compare FILE with the registry generated "
                + "now; exit 1 and show the first difference when it is stale."));
        spec.addOption(CommandSpecs.flag("Fail when any query could not be analysed in full (min_coverage 100 for "
                + "every consumer).", "--fail-on-unanalysed"));
        ReportOptions.addTo(spec);
        return CommandSpecs.withHelpOptions(spec);
    }

    private final Path projectDir;
    private final Formats.Consumers format;
    private final Path check;
    private final boolean failOnUnanalysed;
    private final ReportOptions options;

    private ConsumersCommand(CommandSpec parsed) {
        projectDir = CommandSpecs.argument(parsed);
        format = CommandSpecs.value(parsed, "--format");
        check = CommandSpecs.value(parsed, "--check");
        failOnUnanalysed = CommandSpecs.isSet(parsed, "--fail-on-unanalysed");
        options = new ReportOptions(parsed);
    }

    @Override
    public Integer call() {
        Project loaded = Project.load(projectDir, options.config);
        Project project = failOnUnanalysed ? loaded.requiringFullCoverage() : loaded;
        if (project.config().consumers().isEmpty()) {
            throw new InputException("no consumers declared: list the services that share the database under "
                    + "'consumers:' in schemaguard.yml (name, path, include)");
        }
        SchemaHistory schema = SchemaHistory.of(project.graph());
        ConsumerScan scan = Consumers.scan(project, schema, Main.stderr());
        if (check != null) {
            return checkRegistry(registry(scan));
        }
        List<Finding> findings = options.severityPolicy(project.config()).apply(
                ConsumerBreakage.of(project.graph(), schema, scan, Consumers.declarations(project), Set.of(),
                        List.of()));
        Report report = new Report("consumers", project.graph(), project.analysis(), findings, Optional.empty(),
                options.failOnSeverity(), Map.of(), Optional.empty(), Optional.empty(), Optional.of(scan));
        switch (format) {
            case MARKDOWN -> Output.write(registry(scan), options.output, Main.stdout());
            case JSON -> Output.write(new ConsumersJsonFormatter(), report, options.output, Main.stdout());
            case TEXT -> Output.write(new ConsumersTextFormatter(), report, options.output, Main.stdout());
        }
        return Commands.exitCode(report);
    }

    private String registry(ConsumerScan scan) {
        return Registry.markdown(scan);
    }

    private int checkRegistry(String registry) {
        String existing;
        try {
            existing = Files.readString(check);
        } catch (NoSuchFileException e) {
            Main.stderr().println("schemaguard: " + check + " does not exist; write it with: schemaguard consumers "
                    + projectDir + " --format markdown --output " + check);
            return ExitCodes.FINDINGS;
        } catch (IOException e) {
            throw new InputException(check, "cannot read: " + e.getMessage());
        }
        String difference = Registry.firstDifference(registry, existing.replace("\r\n", "\n"));
        if (difference.isEmpty()) {
            Main.stdout().println(check + " is up to date");
            return ExitCodes.OK;
        }
        Main.stderr().println("schemaguard: " + check + " is stale (" + difference + ")\nRegenerate it with: "
                + "schemaguard consumers " + projectDir + " --format markdown --output " + check);
        return ExitCodes.FINDINGS;
    }
}
