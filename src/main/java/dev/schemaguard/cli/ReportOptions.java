package dev.schemaguard.cli;

import dev.schemaguard.finding.Severity;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every reporting command shares. */
final class ReportOptions {

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "Read the configuration from FILE (default: schemaguard.yml in the project).")
    Path config;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Exit 1 when a finding is at or above LEVEL: error, warning or never (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = {"-q", "--quiet"}, description = "Print only the findings and the verdict.")
    boolean quiet;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    /** The severity that fails the command, or {@code null} for never. */
    Severity failOnSeverity() {
        if (failOn.equals("never")) {
            return null;
        }
        Severity s = Severity.fromLabel(failOn);
        if (s == null || s == Severity.INFO && !failOn.equals("info")) {
            throw new UsageException("--fail-on takes error, warning, info or never, not '" + failOn + "'");
        }
        return s;
    }
}
