package dev.schemaguard.cli;

import dev.schemaguard.report.Formatter;
import dev.schemaguard.report.JsonFormatter;
import dev.schemaguard.report.TextFormatter;

import java.util.Locale;

/**
 * The values {@code --format} takes, one type per kind of command (the commands that report findings take
 * {@link dev.schemaguard.report.ReportFormat}): picocli completes them, lists them in the help
 * and rejects any other, with the values as users write them (lower case, matched without regard to case).
 */
final class Formats {

    private Formats() {
    }

    /** The formats of graph: the report (text, json), or a drawing of the graph (dot, mermaid, svg). */
    enum Graph {
        TEXT, JSON, DOT, MERMAID, SVG;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The formats of consumers: the report (text, json), or the shared-table registry (markdown). */
    enum Consumers {
        TEXT, JSON, MARKDOWN;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The formats of status. */
    enum Status {
        TEXT, JSON;

        Formatter formatter(ReportOptions options) {
            return this == JSON ? new JsonFormatter() : new TextFormatter(options.quiet, options.textStyle());
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
