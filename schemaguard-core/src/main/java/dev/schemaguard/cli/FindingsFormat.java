package dev.schemaguard.cli;

import dev.schemaguard.gate.Project;
import dev.schemaguard.io.InputException;
import dev.schemaguard.report.FileLinks;
import dev.schemaguard.report.GithubFormatter;
import dev.schemaguard.report.Locations;
import dev.schemaguard.report.Report;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/** How the commands that report findings (check, lint, rehearse) write them: the format, and where paths start. */
final class FindingsFormat {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). markdown: a pull-request summary; "
                    + "html: one self-contained report page; github: workflow annotations (printed after the text "
                    + "report anyway when GITHUB_ACTIONS=true); gitlab: a Code Quality report.")
    Formats.Findings format;

    @Option(names = "--sarif-root", paramLabel = "DIR",
            description = "The folder the paths of the sarif, github, gitlab, markdown and html reports are relative "
                    + "to (default: the root of the git repository the project is in, as code scanning and CI "
                    + "annotations resolve them; the project folder outside a repository).")
    Path sarifRoot;

    /**
     * Writes the report; under GitHub Actions ({@code GITHUB_ACTIONS=true}), with a text report or one written to a
     * file, the workflow annotations too, on standard output, where the runner reads them.
     */
    void write(Report report, Project project, ReportOptions options) {
        Locations locations = locations(project);
        Output.write(format.formatter(options, locations, FileLinks.fromEnvironment(Main.environment())), report,
                options.output, Main.stdout());
        boolean actions = "true".equals(Main.environment().get("GITHUB_ACTIONS"));
        if (actions && format != Formats.Findings.GITHUB && (options.output != null || !format.forPrograms())) {
            Output.write(new GithubFormatter(locations, false), report, null, Main.stdout());
        }
    }

    private Locations locations(Project project) {
        if (sarifRoot != null && !Files.isDirectory(sarifRoot)) {
            throw new InputException(sarifRoot, "--sarif-root: not a directory");
        }
        return project.locations(sarifRoot);
    }
}
