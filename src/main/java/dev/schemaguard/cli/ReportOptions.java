package dev.schemaguard.cli;

import dev.schemaguard.config.Config;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.SeverityPolicy;
import dev.schemaguard.gate.Options;
import dev.schemaguard.report.TextStyle;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
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

    @Option(names = "--timings", description = "In JSON, add the rehearsal's times per migration (a \"timings\" "
            + "block); without it, JSON of identical input is identical.")
    boolean timings;

    /** When the text report is in colour. */
    enum Colour {
        AUTO, ALWAYS, NEVER;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colours and linked rule ids in the text report: ${COMPLETION-CANDIDATES} (default: "
                    + "${DEFAULT-VALUE}: on a terminal, unless NO_COLOR is set).")
    Colour colour;

    /** How the text report marks severities and rule ids: in colour on a terminal, never in a file. */
    TextStyle textStyle() {
        boolean on = switch (colour) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> output == null && Ansi.AUTO.enabled();
        };
        return on ? new AnsiStyle() : TextStyle.PLAIN;
    }

    @Option(names = "--enable", paramLabel = "RULE", split = ",",
            description = "Report RULE even where schemaguard.yml turns it off (rules: RULE: off); repeatable.")
    List<String> enable;

    @Option(names = "--disable", paramLabel = "RULE", split = ",",
            description = "Do not report RULE, as rules: RULE: off in schemaguard.yml would; repeatable.")
    List<String> disable;

    /** The severity that fails the command, or {@code null} for never. */
    Severity failOnSeverity() {
        return failOn.severity;
    }

    /** The rules --enable names, each checked to be a rule. */
    List<String> enabled() {
        return named(enable, "--enable");
    }

    /** The rules --disable names, each checked to be a rule. */
    List<String> disabled() {
        return named(disable, "--disable");
    }

    /** The per-rule severities: the configuration's, with --disable and --enable applied ({@link Options}). */
    SeverityPolicy severityPolicy(Config config) {
        return Options.severityPolicy(config, enabled(), disabled());
    }

    private static List<String> named(List<String> rules, String option) {
        if (rules == null) {
            return List.of();
        }
        for (String rule : rules) {
            if (!RuleCatalogue.contains(rule)) {
                throw new UsageException(option + ": no rule is called '" + rule + "'; 'schemaguard explain' lists "
                        + "them");
            }
        }
        return rules;
    }
}
