package dev.schemaguard.report;

import java.util.Locale;

/**
 * The formats a report of findings is written in, by every front end (check, lint and rehearse on the command line,
 * the Maven plugin): {@code markdown} is a pull-request summary, {@code html} one self-contained report page,
 * {@code github} workflow annotations, {@code gitlab} a Code Quality report.
 */
public enum ReportFormat {
    TEXT, JSON, SARIF, JUNIT, MARKDOWN, HTML, GITHUB, GITLAB;

    /** Whether the format is read by a program: nothing else may be written where it goes. */
    public boolean forPrograms() {
        return this != TEXT && this != GITHUB;
    }

    /**
     * @param text      the text report as the front end writes it (quiet or not, colours)
     * @param timings   whether a json report carries the rehearsal's times per migration
     * @param locations where the report's files are, and the root paths are written relative to
     * @param links     the address files are linked at in the CI's web interface, or {@code null}
     */
    public Formatter formatter(TextFormatter text, boolean timings, Locations locations, FileLinks links) {
        return switch (this) {
            case TEXT -> text;
            case JSON -> new JsonFormatter(timings);
            case SARIF -> new SarifFormatter(locations);
            case JUNIT -> new JunitFormatter();
            case MARKDOWN -> new MarkdownFormatter(locations, links);
            case HTML -> new HtmlFormatter(locations);
            case GITHUB -> new GithubFormatter(locations, true);
            case GITLAB -> new GitlabFormatter(locations);
        };
    }

    /** As users write it: lower case. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
