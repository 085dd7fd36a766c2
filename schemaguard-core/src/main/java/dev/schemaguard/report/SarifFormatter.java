package dev.schemaguard.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleDocs;
import dev.schemaguard.finding.Severity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * SARIF 2.1.0 for code-scanning UIs (GitHub code scanning, the VS Code SARIF viewer, ...).
 *
 * <p>The mapping:
 * <ul>
 *   <li>one run; {@code tool.driver} is SchemaGuard (with its home page as {@code informationUri}) with one
 *       reporting descriptor per rule that has findings in the report, sorted by id, made from the rule's
 *       {@link dev.schemaguard.finding.RuleSpec}: its summary as descriptions, its documentation ({@link RuleDocs})
 *       as help and its address in SchemaGuard's repository as {@code helpUri}, its default severity as
 *       {@code defaultConfiguration.level} and its group as tag. Each result carries its own level: a rule may
 *       report at another severity than its default ({@code fork} is a note once merged), and the configuration
 *       may change it.</li>
 *   <li>one result per finding, in report order: error → {@code error}, warning → {@code warning},
 *       info → {@code note}; the message is the finding's message followed by {@code Fix: ...}.</li>
 *   <li>every path is relative to the root of the git repository the project is in ({@link Locations#root()},
 *       {@code --sarif-root} to choose another), with {@code uriBaseId} {@code %SRCROOT%}: GitHub code scanning
 *       resolves paths from the repository root and ignores the base, so a project checked in a subfolder
 *       ({@code schemaguard check db/}) still points at the right files. A file outside that root (a consumer
 *       checked out beside the repository, a file linted by its absolute path) is an absolute {@code file://}
 *       URI, without base. A line of 0 means the whole file and writes no region; a finding without a file is
 *       anchored at its first evidence in the project.</li>
 *   <li>evidence becomes related locations numbered from 1, in the project or in a consumer's folder alike.</li>
 *   <li>{@code partialFingerprints."schemaguard/v1"} is a SHA-256 of rule, file and message (not the
 *       line, so a result keeps its identity when lines above it move), followed by {@code :n}, the
 *       occurrence of that hash in the run, so identical findings on different lines stay distinct.</li>
 * </ul>
 * The output is deterministic: no timestamps, no absolute paths but those of files outside the root, everything in a
 * fixed order.
 */
public final class SarifFormatter implements Formatter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";
    static final String FINGERPRINT = "schemaguard/v1";

    private final Locations locations;

    /** @param locations where the report's files are, and the root their paths are relative to */
    public SarifFormatter(Locations locations) {
        this.locations = locations;
    }

    @Override
    public String format(Report report) {
        return JsonOutput.text(json -> write(json, report));
    }

    private void write(JsonGenerator json, Report report) throws IOException {
        TreeSet<String> rules = new TreeSet<>();
        report.findings().forEach(f -> rules.add(f.rule()));
        Map<String, Integer> ruleIndex = new HashMap<>();
        for (String id : rules) {
            ruleIndex.put(id, ruleIndex.size());
        }
        json.writeStartObject();
        json.writeStringField("$schema", SCHEMA);
        json.writeStringField("version", "2.1.0");
        json.writeArrayFieldStart("runs");
        json.writeStartObject();

        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", "SchemaGuard");
        json.writeStringField("version", Version.get());
        json.writeStringField("informationUri", Version.home());
        json.writeArrayFieldStart("rules");
        for (String id : rules) {
            writeRule(json, RuleCatalogue.get(id));
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();

        json.writeObjectFieldStart("originalUriBaseIds");
        json.writeObjectFieldStart(SRCROOT);
        text(json, "description", "The root of the git repository the project is in: every relative path starts "
                + "there.");
        json.writeEndObject();
        json.writeEndObject();

        // what was read, as every report says first: "342 migrations (diesel, migrations)" and what was passed over
        json.writeObjectFieldStart("properties");
        json.writeStringField("migrations", report.graph().source().summary());
        json.writeArrayFieldStart("notes");
        for (String note : report.graph().source().notes()) {
            json.writeString(note);
        }
        json.writeEndArray();
        json.writeEndObject();

        json.writeArrayFieldStart("results");
        List<String> fingerprints = FindingFingerprints.of(report.findings());
        for (int i = 0; i < report.findings().size(); i++) {
            Finding f = report.findings().get(i);
            writeResult(json, f, ruleIndex.get(f.rule()), fingerprints.get(i));
        }
        json.writeEndArray();

        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeRule(JsonGenerator json, RuleCatalogue.Entry rule) throws IOException {
        String markdown = RuleDocs.markdown(rule.id());
        json.writeStartObject();
        json.writeStringField("id", rule.id());
        text(json, "shortDescription", rule.summary());
        text(json, "fullDescription", rule.summary());
        json.writeStringField("helpUri", Version.ruleDocument(rule.id()));
        json.writeObjectFieldStart("help");
        json.writeStringField("text", markdown);
        json.writeStringField("markdown", markdown);
        json.writeEndObject();
        json.writeObjectFieldStart("defaultConfiguration");
        json.writeStringField("level", level(rule.severity()));
        json.writeEndObject();
        json.writeObjectFieldStart("properties");
        json.writeArrayFieldStart("tags");
        json.writeString(rule.group().tag());
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private void writeResult(JsonGenerator json, Finding f, int ruleIndex, String fingerprint)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", f.rule());
        json.writeNumberField("ruleIndex", ruleIndex);
        json.writeStringField("level", level(f.severity()));
        text(json, "message", f.fix() == null ? f.message() : f.message() + " Fix: " + f.fix());
        Evidence anchor = f.anchor();
        if (anchor != null) {
            json.writeArrayFieldStart("locations");
            json.writeStartObject();
            physicalLocation(json, null, anchor.file(), anchor.line());
            json.writeEndObject();
            json.writeEndArray();
        }
        if (!f.evidence().isEmpty()) {
            json.writeArrayFieldStart("relatedLocations");
            int id = 1;
            for (Evidence e : f.evidence()) {
                json.writeStartObject();
                json.writeNumberField("id", id++);
                if (e.file() != null) {
                    physicalLocation(json, e.consumer(), e.file(), e.line());
                }
                String note = note(e);
                if (note != null) {
                    text(json, "message", note);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeObjectFieldStart("partialFingerprints");
        json.writeStringField(FINGERPRINT, fingerprint);
        json.writeEndObject();
        if (f.migration() != null) {
            json.writeObjectFieldStart("properties");
            json.writeStringField("migration", f.migration());
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static String note(Evidence e) {
        if (e.consumer() != null && e.note() != null) {
            return e.consumer() + ": " + e.note();
        }
        return e.note() != null ? e.note() : e.consumer();
    }

    /** A file of the project ({@code consumer} null) or of a consumer, relative to the root when it is inside it. */
    private void physicalLocation(JsonGenerator json, String consumer, String file, int line) throws IOException {
        json.writeObjectFieldStart("physicalLocation");
        json.writeObjectFieldStart("artifactLocation");
        String relative = locations.relative(consumer, file);
        if (relative != null) {
            json.writeStringField("uri", uri(relative));
            json.writeStringField("uriBaseId", SRCROOT);
        } else {
            json.writeStringField("uri", locations.absolute(consumer, file).toUri().toString());
        }
        json.writeEndObject();
        if (line > 0) {
            json.writeObjectFieldStart("region");
            json.writeNumberField("startLine", line);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void text(JsonGenerator json, String field, String text) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("text", text);
        json.writeEndObject();
    }

    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /**
     * A relative path as a URI reference: forward slashes, and every character that may not appear in
     * a URI path percent-encoded as UTF-8 (a space becomes {@code %20}).
     */
    static String uri(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.replace('\\', '/').getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            // RFC 3986 path characters; a colon only after the first slash, where it cannot read as a scheme.
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || "-._~/!$&'()*+,;=@".indexOf(c) >= 0 || c == ':' && out.indexOf("/") >= 0;
            if (plain) {
                out.append((char) c);
            } else {
                out.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }
}
