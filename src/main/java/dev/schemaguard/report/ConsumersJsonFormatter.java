package dev.schemaguard.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.consumers.Reference;
import dev.schemaguard.finding.Finding;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The consumers command's stable machine-readable report: every query with its references, every use of a table or
 * column (those through a star select marked), the consumers' own tables, what could not be read, and the findings.
 */
public final class ConsumersJsonFormatter implements Formatter {

    @Override
    public String format(Report report) {
        ConsumerScan scan = report.consumers().orElseThrow();
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeStringField("tool", "schemaguard");
            json.writeStringField("version", Version.get());
            json.writeArrayFieldStart("queries");
            for (ConsumerScan.Query q : scan.queries()) {
                json.writeStartObject();
                json.writeStringField("consumer", q.consumer());
                json.writeStringField("file", q.file());
                json.writeNumberField("line", q.line());
                json.writeStringField("sql", q.sql());
                json.writeStringField("analysed", analysed(q.analysis()));
                JsonFormatter.strings(json, "gaps", q.gaps());
                json.writeArrayFieldStart("references");
                for (Reference r : q.references()) {
                    json.writeStartObject();
                    json.writeStringField("table", r.table());
                    json.writeStringField("column", r.column());
                    json.writeStringField("access", access(r.access()));
                    json.writeBooleanField("star", r.star());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("uses");
            for (ConsumerScan.Use u : scan.uses()) {
                json.writeStartObject();
                json.writeStringField("consumer", u.consumer());
                json.writeStringField("table", u.table());
                json.writeStringField("column", u.column());
                json.writeStringField("access", access(u.access()));
                json.writeStringField("file", u.file());
                json.writeNumberField("line", u.line());
                json.writeBooleanField("via_star", u.viaStar());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("own_tables");
            for (ConsumerScan.OwnTable t : scan.ownTables()) {
                json.writeStartObject();
                json.writeStringField("consumer", t.consumer());
                json.writeStringField("table", t.table());
                json.writeStringField("file", t.file());
                json.writeNumberField("line", t.line());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("problems");
            for (ConsumerScan.Problem p : scan.problems()) {
                json.writeStartObject();
                json.writeStringField("consumer", p.consumer());
                json.writeStringField("file", p.file());
                json.writeNumberField("line", p.line());
                json.writeStringField("message", p.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            JsonFormatter.writeCoverage(json, scan);
            json.writeArrayFieldStart("findings");
            for (Finding f : report.findings()) {
                JsonFormatter.writeFinding(json, f);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    /** {@code full}, {@code part} or {@code none}. */
    static String analysed(ConsumerScan.Analysis analysis) {
        return analysis.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String access(Reference.Access access) {
        return access == Reference.Access.WRITE ? "write" : "read";
    }
}
