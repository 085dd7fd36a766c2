package dev.schemaguard.cli;

import dev.schemaguard.finding.Severity;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/** The options every reporting command shares. */
final class ReportOptions {

    @Option(names = "--output", paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "Read the configuration from FILE (default: schemaguard.yml in the project).")
    Path config;

    /** The severity that fails the command, or never. */
    enum FailOn {
        ERROR(Severity.ERROR), WARNING(Severity.WARNING), INFO(Severity.INFO), NEVER(null);

        private final Severity severity;

        FailOn(Severity severity) {
            this.severity = severity;
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error",
            description = "Exit 1 when a finding is at or above LEVEL: ${COMPLETION-CANDIDATES} (default: "
                    + "${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = {"-q", "--quiet"}, description = "Print only the findings and the verdict.")
    boolean quiet;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    /** The severity that fails the command, or {@code null} for never. */
    Severity failOnSeverity() {
        return failOn.severity;
    }
}
