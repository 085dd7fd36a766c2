package dev.schemaguard.cli;

import dev.schemaguard.gate.Project;
import dev.schemaguard.report.FileLinks;
import dev.schemaguard.report.GithubFormatter;
import dev.schemaguard.report.Locations;
import dev.schemaguard.report.Report;
import dev.schemaguard.report.ReportFormat;
import dev.schemaguard.report.TextFormatter;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;

import static dev.schemaguard.cli.CommandSpecs.option;
import static dev.schemaguard.cli.CommandSpecs.value;

/** How the commands that report findings (check, lint, rehearse) write them: the format, and where paths start. */
final class FindingsFormat {

    /** Adds the options to a command. */
    static void addTo(CommandSpec command) {
        command.addOption(option("--format", "FORMAT", ReportFormat.class, "text",
                "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). markdown: a pull-request summary; html: one "
                        + "self-contained report page; github: workflow annotations (printed after the text report "
                        + "anyway when GITHUB_ACTIONS=true); gitlab: a Code Quality report."));
        command.addOption(option("--sarif-root", "DIR", Path.class,
                "The folder the paths of the sarif, github, gitlab, markdown and html reports are relative to "
                        + "(default: the root of the git repository the project is in, as code scanning and CI "
                        + "annotations resolve them; the project folder outside a repository)."));
    }

    private final ReportFormat format;
    private final Path sarifRoot;

    /** The options as {@code command} parsed them. */
    FindingsFormat(CommandSpec command) {
        format = value(command, "--format");
        sarifRoot = value(command, "--sarif-root");
    }

    /**
     * Writes the report; under GitHub Actions ({@code GITHUB_ACTIONS=true}), with a text report or one written to a
     * file, the workflow annotations too, on standard output, where the runner reads them.
     */
    void write(Report report, Project project, ReportOptions options) {
        Locations locations = project.locations(sarifRoot, "--sarif-root");
        Output.write(format.formatter(new TextFormatter(options.quiet, options.textStyle()), options.timings, locations,
                FileLinks.fromEnvironment(Main.environment())), report, options.output, Main.stdout());
        boolean actions = "true".equals(Main.environment().get("GITHUB_ACTIONS"));
        if (actions && format != ReportFormat.GITHUB && (options.output != null || !format.forPrograms())) {
            Output.write(new GithubFormatter(locations, false), report, null, Main.stdout());
        }
    }
}
