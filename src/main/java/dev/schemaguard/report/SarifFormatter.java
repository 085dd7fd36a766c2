package dev.schemaguard.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleDocs;
import dev.schemaguard.finding.Severity;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 *   <li>one run; {@code tool.driver} is SchemaGuard with one reporting descriptor per rule that has
 *       findings in the report, sorted by id, made from the rule's {@link dev.schemaguard.finding.RuleSpec}:
 *       its summary as descriptions, its documentation ({@link RuleDocs}) as help, its default severity as
 *       {@code defaultConfiguration.level} and its group as tag. Each result carries its own level: a rule
 *       may report at another severity than its default ({@code fork} is a note once merged), and the
 *       configuration may change it.</li>
 *   <li>one result per finding, in report order: error → {@code error}, warning → {@code warning},
 *       info → {@code note}; the message is the finding's message followed by {@code Fix: ...}.</li>
 *   <li>the finding's file, relative to the project directory, is the result's location, with
 *       {@code uriBaseId} {@code %SRCROOT%} (the project directory); a line of 0 means the whole file
 *       and writes no region; a finding without a file has no location.</li>
 *   <li>evidence becomes related locations numbered from 1. Evidence in a consumer's code is relative
 *       to that consumer's directory, so its base is {@code CONSUMER:<name>}, declared in
 *       {@code originalUriBaseIds} next to {@code %SRCROOT%}.</li>
 *   <li>{@code partialFingerprints."schemaguard/v1"} is a SHA-256 of rule, file and message (not the
 *       line, so a result keeps its identity when lines above it move), followed by {@code :n}, the
 *       occurrence of that hash in the run, so identical findings on different lines stay distinct.</li>
 * </ul>
 * The output is deterministic: no timestamps, no absolute paths, everything in a fixed order.
 */
public final class SarifFormatter implements Formatter {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    static final String SRCROOT = "%SRCROOT%";
    static final String FINGERPRINT = "schemaguard/v1";
    private static final String CONSUMER_BASE = "CONSUMER:";
    /** Hex digits of the SHA-256 kept in a fingerprint (128 bits). */
    private static final int FINGERPRINT_HEX = 32;

    private static final JsonFactory FACTORY = new JsonFactory();

    public SarifFormatter() {
    }

    @Override
    public String format(Report report) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n")));
            write(json, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void write(JsonGenerator json, Report report) throws IOException {
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
        json.writeArrayFieldStart("rules");
        for (String id : rules) {
            writeRule(json, RuleCatalogue.get(id));
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();

        writeBaseIds(json, report.findings());

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
        Map<String, Integer> occurrences = new HashMap<>();
        for (Finding f : report.findings()) {
            String hash = hash(f);
            int n = occurrences.merge(hash, 1, Integer::sum);
            writeResult(json, f, ruleIndex.get(f.rule()), hash + ":" + n);
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

    private static void writeBaseIds(JsonGenerator json, List<Finding> findings) throws IOException {
        TreeSet<String> consumers = new TreeSet<>();
        for (Finding f : findings) {
            for (Evidence e : f.evidence()) {
                if (e.consumer() != null) {
                    consumers.add(e.consumer());
                }
            }
        }
        json.writeObjectFieldStart("originalUriBaseIds");
        json.writeObjectFieldStart(SRCROOT);
        text(json, "description", "The project directory (the directory SchemaGuard checked).");
        json.writeEndObject();
        for (String consumer : consumers) {
            json.writeObjectFieldStart(CONSUMER_BASE + consumer);
            text(json, "description", "The directory of the consumer '" + consumer + "'.");
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private static void writeResult(JsonGenerator json, Finding f, int ruleIndex, String fingerprint)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", f.rule());
        json.writeNumberField("ruleIndex", ruleIndex);
        json.writeStringField("level", level(f.severity()));
        text(json, "message", f.fix() == null ? f.message() : f.message() + " Fix: " + f.fix());
        if (f.file() != null) {
            json.writeArrayFieldStart("locations");
            json.writeStartObject();
            physicalLocation(json, SRCROOT, f.file(), f.line());
            json.writeEndObject();
            json.writeEndArray();
        } else {
            // Code-scanning uploads reject a result without a location: anchor it at its first project evidence.
            Evidence anchor = f.evidence().stream().filter(e -> e.consumer() == null && e.file() != null)
                    .findFirst().orElse(null);
            if (anchor != null) {
                json.writeArrayFieldStart("locations");
                json.writeStartObject();
                physicalLocation(json, SRCROOT, anchor.file(), anchor.line());
                json.writeEndObject();
                json.writeEndArray();
            }
        }
        if (!f.evidence().isEmpty()) {
            json.writeArrayFieldStart("relatedLocations");
            int id = 1;
            for (Evidence e : f.evidence()) {
                json.writeStartObject();
                json.writeNumberField("id", id++);
                if (e.file() != null) {
                    physicalLocation(json, e.consumer() == null ? SRCROOT : CONSUMER_BASE + e.consumer(), e.file(),
                            e.line());
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

    private static void physicalLocation(JsonGenerator json, String base, String file, int line) throws IOException {
        json.writeObjectFieldStart("physicalLocation");
        json.writeObjectFieldStart("artifactLocation");
        json.writeStringField("uri", uri(file));
        json.writeStringField("uriBaseId", base);
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

    /** The stable part of a result's fingerprint: rule, file and message, not the line. */
    static String hash(Finding f) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = f.rule() + '\0' + (f.file() == null ? "" : f.file().replace('\\', '/')) + '\0' + f.message();
            byte[] digest = sha.digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, FINGERPRINT_HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
