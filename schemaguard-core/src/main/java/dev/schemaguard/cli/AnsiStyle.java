package dev.schemaguard.cli;

import dev.schemaguard.finding.Severity;
import dev.schemaguard.report.TextStyle;
import dev.schemaguard.report.Version;
import picocli.CommandLine.Help.Ansi;

/**
 * The text report's marks on a terminal, through picocli's ANSI support: severities in colour, files and the verdict
 * in bold, rule ids as OSC 8 hyperlinks to their documents (terminals without them show the id alone).
 */
final class AnsiStyle implements TextStyle {

    private static final String OSC = "\033]8;;";
    private static final String ST = "\033\\";

    @Override
    public String severity(Severity severity, String label) {
        String colour = switch (severity) {
            case ERROR -> "bold,red";
            case WARNING -> "yellow";
            case INFO -> "faint";
        };
        return Ansi.ON.string("@|" + colour + " " + label + "|@");
    }

    @Override
    public String rule(String id) {
        return OSC + Version.ruleDocument(id) + ST + Ansi.ON.string("@|cyan " + id + "|@") + OSC + ST;
    }

    @Override
    public String strong(String text) {
        return Ansi.ON.string("@|bold " + escape(text) + "|@");
    }

    @Override
    public String outcome(boolean failed, String text) {
        return Ansi.ON.string("@|bold," + (failed ? "red" : "green") + " " + escape(text) + "|@");
    }

    /** Text that picocli's markup must not read as markup: its own {@code @|} and {@code |@}. */
    private static String escape(String text) {
        return text.contains("@|") || text.contains("|@") ? text.replace("@|", "@ |").replace("|@", "| @") : text;
    }
}
