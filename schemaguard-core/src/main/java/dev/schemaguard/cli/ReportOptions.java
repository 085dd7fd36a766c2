package dev.schemaguard.cli;

import dev.schemaguard.config.Config;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.finding.SeverityPolicy;
import dev.schemaguard.gate.Options;
import dev.schemaguard.report.TextStyle;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static dev.schemaguard.cli.CommandSpecs.flag;
import static dev.schemaguard.cli.CommandSpecs.isSet;
import static dev.schemaguard.cli.CommandSpecs.listOption;
import static dev.schemaguard.cli.CommandSpecs.option;
import static dev.schemaguard.cli.CommandSpecs.value;

/** The options every reporting command shares. */
final class ReportOptions {

    /** Adds the options to a command. */
    static void addTo(CommandSpec command) {
        command.addOption(option("--output", "FILE", Path.class, "Write the report to FILE instead of standard output."));
        command.addOption(option("--config", "FILE", Path.class,
                "Read the configuration from FILE (default: schemaguard.yml in the project)."));
        command.addOption(option("--fail-on", "LEVEL", FailOn.class, "error",
                "Exit 1 when a finding is at or above LEVEL: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."));
        command.addOption(flag("Print only the findings and the verdict.", "-q", "--quiet"));
        command.addOption(flag("Print stack traces of internal errors.", "--debug"));
        command.addOption(flag("In JSON, add the rehearsal's times per migration (a \"timings\" block); without it, "
                + "JSON of identical input is identical.", "--timings"));
        command.addOption(option("--color", "WHEN", Colour.class, "auto",
                "Colours and linked rule ids in the text report: ${COMPLETION-CANDIDATES} (default: "
                        + "${DEFAULT-VALUE}: on a terminal, unless NO_COLOR is set)."));
        command.addOption(listOption("--enable", "RULE",
                "Report RULE even where schemaguard.yml turns it off (rules: RULE: off); repeatable."));
        command.addOption(listOption("--disable", "RULE",
                "Do not report RULE, as rules: RULE: off in schemaguard.yml would; repeatable."));
    }

    final Path output;
    final Path config;
    private final FailOn failOn;
    final boolean quiet;
    final boolean timings;
    private final Colour colour;
    private final List<String> enable;
    private final List<String> disable;

    /** The options as {@code command} parsed them. */
    ReportOptions(CommandSpec command) {
        output = value(command, "--output");
        config = value(command, "--config");
        failOn = value(command, "--fail-on");
        quiet = isSet(command, "--quiet");
        timings = isSet(command, "--timings");
        colour = value(command, "--color");
        enable = value(command, "--enable");
        disable = value(command, "--disable");
    }

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

    /** When the text report is in colour. */
    enum Colour {
        AUTO, ALWAYS, NEVER;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How the text report marks severities and rule ids: in colour on a terminal, never in a file. */
    TextStyle textStyle() {
        boolean on = switch (colour) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> output == null && Ansi.AUTO.enabled();
        };
        return on ? new AnsiStyle() : TextStyle.PLAIN;
    }

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
