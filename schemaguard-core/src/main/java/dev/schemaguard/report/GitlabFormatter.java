package dev.schemaguard.report;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;

import java.util.List;

/**
 * A GitLab Code Quality report ({@code artifacts: reports: codequality}): a JSON array with one issue per finding,
 * which GitLab shows in the merge request's widget and diff. The fields are those GitLab reads, a subset of the Code
 * Climate issue: {@code description} (message and fix), {@code check_name} (the rule), {@code fingerprint} (as in
 * SARIF: stable when lines move), {@code severity} (error → {@code critical}, warning → {@code major}, info →
 * {@code info}) and {@code location.path} relative to the repository root with {@code location.lines.begin}. A finding
 * that points at no file is left out: GitLab cannot show an issue without a path. No byte order mark, which GitLab's
 * parser refuses.
 */
public final class GitlabFormatter implements Formatter {

    private final Locations locations;

    /** @param locations where the report's files are, and the repository root */
    public GitlabFormatter(Locations locations) {
        this.locations = locations;
    }

    @Override
    public String format(Report report) {
        return JsonOutput.text(json -> {
            List<String> fingerprints = FindingFingerprints.of(report.findings());
            json.writeStartArray();
            for (int i = 0; i < report.findings().size(); i++) {
                Finding f = report.findings().get(i);
                Evidence anchor = f.anchor();
                if (anchor == null) {
                    continue;
                }
                json.writeStartObject();
                json.writeStringField("description", f.fix() == null ? f.message() : f.message() + " Fix: " + f.fix());
                json.writeStringField("check_name", f.rule());
                json.writeStringField("fingerprint", fingerprints.get(i));
                json.writeStringField("severity", switch (f.severity()) {
                    case ERROR -> "critical";
                    case WARNING -> "major";
                    case INFO -> "info";
                });
                json.writeObjectFieldStart("location");
                json.writeStringField("path", locations.shown(null, anchor.file()));
                json.writeObjectFieldStart("lines");
                json.writeNumberField("begin", Math.max(1, anchor.line()));
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        });
    }
}
