package dev.schemaguard.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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

    private static final JsonFactory FACTORY = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Locations locations;

    /** @param locations where the report's files are, and the repository root */
    public GitlabFormatter(Locations locations) {
        this.locations = locations;
    }

    @Override
    public String format(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8) + "\n";
    }
}
