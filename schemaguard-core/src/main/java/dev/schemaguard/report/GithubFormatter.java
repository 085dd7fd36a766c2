package dev.schemaguard.report;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;

/**
 * GitHub Actions workflow commands: one annotation per finding ({@code ::error file=...,line=...,title=...::...}),
 * which the runner shows on the file and line in the pull request's diff and in the run's summary. Paths are relative
 * to the repository root, as the runner resolves them. error → {@code error}, warning → {@code warning}, info →
 * {@code notice}. A last plain line says the verdict, as the text report ends, unless the annotations follow one.
 */
public final class GithubFormatter implements Formatter {

    private final Locations locations;
    private final boolean verdict;

    /**
     * @param locations where the report's files are, and the repository root
     * @param verdict   whether to end with the verdict line (not when the annotations follow a text report)
     */
    public GithubFormatter(Locations locations, boolean verdict) {
        this.locations = locations;
        this.verdict = verdict;
    }

    @Override
    public String format(Report report) {
        StringBuilder out = new StringBuilder();
        for (Finding f : report.findings()) {
            out.append("::").append(switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            });
            Evidence anchor = f.anchor();
            String properties = "";
            if (anchor != null) {
                properties = "file=" + property(locations.shown(null, anchor.file()))
                        + (anchor.line() > 0 ? ",line=" + anchor.line() : "") + ",";
            }
            out.append(' ').append(properties).append("title=").append(property("schemaguard " + f.rule()));
            out.append("::").append(data(f.message() + (f.fix() == null ? "" : "\nFix: " + f.fix())
                    + "\nSee: " + Version.ruleDocument(f.rule()))).append('\n');
        }
        if (verdict) {
            out.append(Verdicts.line(report)).append('\n');
        }
        return out.toString();
    }

    /** A message as a workflow command carries it: its own line breaks and percent signs escaped. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property value: a message's escapes, and the separators of properties too. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
