package dev.schemaguard.cli;

import dev.schemaguard.report.FileLinks;
import dev.schemaguard.report.Formatter;
import dev.schemaguard.report.GithubFormatter;
import dev.schemaguard.report.GitlabFormatter;
import dev.schemaguard.report.HtmlFormatter;
import dev.schemaguard.report.JsonFormatter;
import dev.schemaguard.report.JunitFormatter;
import dev.schemaguard.report.Locations;
import dev.schemaguard.report.MarkdownFormatter;
import dev.schemaguard.report.SarifFormatter;
import dev.schemaguard.report.TextFormatter;

import java.util.Locale;

/**
 * The values {@code --format} takes, one type per kind of command: picocli completes them, lists them in the help
 * and rejects any other, with the values as users write them (lower case, matched without regard to case).
 */
final class Formats {

    private Formats() {
    }

    /**
     * The formats of the commands that report findings: check, lint, rehearse. {@code markdown} is a pull-request
     * summary, {@code html} one self-contained report page, {@code github} workflow annotations, {@code gitlab} a Code
     * Quality report.
     */
    enum Findings {
        TEXT, JSON, SARIF, JUNIT, MARKDOWN, HTML, GITHUB, GITLAB;

        /** Whether the format is read by a program: nothing else may be written where it goes. */
        boolean forPrograms() {
            return this != TEXT && this != GITHUB;
        }

        /**
         * @param locations where the report's files are, and the root paths are written relative to
         * @param links     the address files are linked at in the CI's web interface, or {@code null}
         */
        Formatter formatter(ReportOptions options, Locations locations, FileLinks links) {
            return switch (this) {
                case TEXT -> new TextFormatter(options.quiet, options.textStyle());
                case JSON -> new JsonFormatter(options.timings);
                case SARIF -> new SarifFormatter(locations);
                case JUNIT -> new JunitFormatter();
                case MARKDOWN -> new MarkdownFormatter(locations, links);
                case HTML -> new HtmlFormatter(locations);
                case GITHUB -> new GithubFormatter(locations, true);
                case GITLAB -> new GitlabFormatter(locations);
            };
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
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
