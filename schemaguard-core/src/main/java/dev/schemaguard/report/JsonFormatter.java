package dev.schemaguard.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.graph.RevisionEdge;
import dev.schemaguard.graph.UpgradePlan;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationSet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stable machine-readable report of SPEC.md. Fields may be added, never renamed; output is
 * deterministic (no timestamps, sorted findings).
 */
public final class JsonFormatter implements Formatter {

    /** Whether the rehearsal's times are written (a {@code timings} block): they differ from run to run. */
    private final boolean timings;

    /** JSON that is the same for the same input: no times. */
    public JsonFormatter() {
        this(false);
    }

    /** @param timings whether to add the rehearsal's times, in a {@code timings} block of their own */
    public JsonFormatter(boolean timings) {
        this.timings = timings;
    }

    @Override
    public String format(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Streams the report as UTF-8: a large history's report is tens of megabytes. */
    @Override
    public void write(Report report, OutputStream out) throws IOException {
        try (JsonGenerator json = JsonOutput.generator(out)) {
            write(json, report);
        }
        out.write('\n');
    }

    private void write(JsonGenerator json, Report report) throws IOException {
        MigrationGraph g = report.graph();
        json.writeStartObject();
        json.writeStringField("tool", "schemaguard");
        json.writeStringField("version", Version.get());
        json.writeStringField("format", g.source().format().configName());
        json.writeStringField("migrations_path", relativePath(g));
        json.writeArrayFieldStart("sources");
        for (MigrationSet.Source source : g.source().sources()) {
            json.writeStartObject();
            json.writeStringField("format", source.format().configName());
            json.writeStringField("path", g.source().display(source.dir()));
            json.writeNumberField("migrations", source.migrations());
            json.writeEndObject();
        }
        json.writeEndArray();
        strings(json, "notes", g.source().notes());
        json.writeArrayFieldStart("migrations");
        for (Migration m : g.source().migrations()) {
            json.writeStartObject();
            json.writeStringField("id", m.id());
            json.writeStringField("file", m.displayFile());
            json.writeNumberField("line", m.line());
            strings(json, "parents", m.parents());
            List<String> phases = report.phases().get(m.id());
            if (phases != null) {
                json.writeStringField("phase", phases.isEmpty() ? null : String.join("+", phases));
                strings(json, "phases", phases);
            }
            if (!m.dependsOn().isEmpty()) {
                strings(json, "depends_on", m.dependsOn());
            }
            if (!m.branchLabels().isEmpty()) {
                strings(json, "branch_labels", m.branchLabels());
            }
            json.writeBooleanField("has_down", m.down().isPresent());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeGraph(json, report.analysis());
        if (report.scope().isPresent()) {
            writeScope(json, report.scope().get());
        }
        if (report.upgrade().isPresent()) {
            writeUpgrade(json, report.upgrade().get());
        }
        if (report.rehearsal().isPresent()) {
            writeRehearsal(json, report.rehearsal().get());
            if (timings) {
                writeTimings(json, report.rehearsal().get());
            }
        }
        if (report.database().isPresent()) {
            writeDatabase(json, report.database().get());
        }
        if (report.consumers().isPresent()) {
            writeCoverage(json, report.consumers().get());
        }
        if (!report.command().equals("graph") || !report.findings().isEmpty()) {
            json.writeArrayFieldStart("findings");
            RepeatedStrings repeated = new RepeatedStrings();
            for (Finding f : report.findings()) {
                writeFinding(json, f, repeated);
            }
            json.writeEndArray();
        }
        json.writeObjectFieldStart("summary");
        json.writeNumberField("migrations", g.size());
        json.writeNumberField("errors", report.count(Severity.ERROR));
        json.writeNumberField("warnings", report.count(Severity.WARNING));
        json.writeNumberField("infos", report.count(Severity.INFO));
        json.writeEndObject();
        json.writeEndObject();
    }

    private static String relativePath(MigrationGraph g) {
        return g.source().display(g.source().migrationsDir());
    }

    private static void writeGraph(JsonGenerator json, GraphAnalysis a) throws IOException {
        json.writeObjectFieldStart("graph");
        strings(json, "roots", a.roots());
        strings(json, "heads", a.heads());
        json.writeArrayFieldStart("forks");
        for (GraphAnalysis.Fork fork : a.forks()) {
            json.writeStartObject();
            json.writeStringField("at", fork.at());
            strings(json, "children", fork.children());
            json.writeStringField("merged_at", fork.mergedAt());
            json.writeEndObject();
        }
        json.writeEndArray();
        strings(json, "merges", a.merges());
        json.writeArrayFieldStart("missing_parents");
        for (MigrationGraph.MissingParent missing : a.missingParents()) {
            json.writeStartObject();
            json.writeStringField("migration", missing.migration());
            json.writeStringField("parent", missing.parent());
            json.writeStringField("kind", missing.kind() == RevisionEdge.Kind.PARENT ? "parent" : "depends_on");
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("cycles");
        for (List<String> cycle : a.cycles()) {
            json.writeStartArray();
            for (String id : cycle) {
                json.writeString(id);
            }
            json.writeEndArray();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("duplicates");
        for (MigrationGraph.Duplicate duplicate : a.duplicates()) {
            json.writeStartObject();
            json.writeStringField("id", duplicate.id());
            strings(json, "files", duplicate.files());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeScope(JsonGenerator json, Scope scope) throws IOException {
        json.writeObjectFieldStart("scope");
        json.writeStringField("since", scope.since());
        json.writeStringField("merge_base", scope.mergeBase());
        json.writeStringField("judge_from", scope.judgeFrom());
        if (scope.judged() == null) {
            json.writeNullField("judged");
        } else {
            strings(json, "judged", scope.judged());
        }
        json.writeNumberField("findings_not_judged", scope.notJudged());
        json.writeStringField("baseline", scope.baseline());
        json.writeNumberField("findings_accepted", scope.accepted());
        json.writeEndObject();
    }

    private static void writeRehearsal(JsonGenerator json, RehearsalSummary rehearsal) throws IOException {
        json.writeObjectFieldStart("rehearsal");
        json.writeStringField("server", rehearsal.server());
        json.writeStringField("skipped", rehearsal.skipped());
        json.writeArrayFieldStart("migrations");
        for (RehearsalSummary.Entry e : rehearsal.migrations()) {
            json.writeStartObject();
            json.writeStringField("id", e.id());
            json.writeStringField("outcome", e.outcome());
            if (!e.note().isEmpty()) {
                json.writeStringField("note", e.note());
            }
            strings(json, "changes", e.changes());
            strings(json, "phases", e.phases());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The rehearsal's times, apart from everything else, which identical input makes identical. */
    private static void writeTimings(JsonGenerator json, RehearsalSummary rehearsal) throws IOException {
        json.writeObjectFieldStart("timings");
        json.writeNumberField("rehearsal_millis", rehearsal.millis());
        json.writeArrayFieldStart("migrations");
        for (RehearsalSummary.Entry e : rehearsal.migrations()) {
            json.writeStartObject();
            json.writeStringField("id", e.id());
            json.writeNumberField("up_millis", e.upMillis());
            json.writeNumberField("millis", e.millis());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeUpgrade(JsonGenerator json, UpgradePlan plan) throws IOException {
        json.writeObjectFieldStart("upgrade");
        strings(json, "stamps", plan.stamps());
        strings(json, "unknown_stamps", plan.unknownStamps());
        strings(json, "pending", plan.pending());
        strings(json, "targets", plan.targets());
        json.writeBooleanField("can_upgrade", plan.canUpgrade());
        strings(json, "blockers", plan.blockers());
        json.writeEndObject();
    }

    private static void writeDatabase(JsonGenerator json, DatabaseStatus db) throws IOException {
        json.writeObjectFieldStart("database");
        json.writeStringField("url", db.url());
        json.writeStringField("version_table", db.versionTable());
        json.writeStringField("runner", db.runner());
        strings(json, "stamps", db.stamps());
        strings(json, "pending", db.pending());
        strings(json, "targets", db.targets());
        strings(json, "unknown_stamps", db.unknownStamps());
        strings(json, "unknown_applied", db.unknownApplied());
        if (db.dirty() == null) {
            json.writeNullField("dirty");
        } else {
            json.writeBooleanField("dirty", db.dirty());
        }
        strings(json, "failed", db.failed());
        if (db.changed() == null) {
            // The runner stores no checksum: nothing was compared, which is not the same as nothing changed.
            json.writeNullField("changed");
        } else {
            json.writeArrayFieldStart("changed");
            for (DatabaseStatus.ChangedMigration c : db.changed()) {
                json.writeStartObject();
                json.writeStringField("id", c.id());
                json.writeStringField("file", c.file());
                checksum(json, "applied_checksum", c.appliedChecksum());
                checksum(json, "file_checksum", c.fileChecksum());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        json.writeBooleanField("can_upgrade", db.canUpgrade());
        strings(json, "blockers", db.blockers());
        strings(json, "notes", db.notes());
        json.writeEndObject();
    }

    /** One finding as the JSON of every command shows it. */
    public static void writeFinding(JsonGenerator json, Finding f) throws IOException {
        writeFinding(json, f, new RepeatedStrings());
    }

    private static final SerializableString RULE = new SerializedString("rule");
    private static final SerializableString SEVERITY = new SerializedString("severity");
    private static final SerializableString MIGRATION = new SerializedString("migration");
    private static final SerializableString FILE = new SerializedString("file");
    private static final SerializableString LINE = new SerializedString("line");
    private static final SerializableString MESSAGE = new SerializedString("message");
    private static final SerializableString FIX = new SerializedString("fix");

    /**
     * The values findings repeat (rules, severities, fixes), each encoded once: a large history's findings repeat the
     * same few fixes, megabytes of text, and those are written as the bytes encoded the first time.
     */
    static final class RepeatedStrings {
        /** Values beyond this many are encoded each time: a fix that names its table is not repeated much. */
        private static final int MOST = 1024;
        private final Map<String, SerializableString> encoded = new HashMap<>();

        void write(JsonGenerator json, SerializableString field, String value) throws IOException {
            json.writeFieldName(field);
            if (value == null) {
                json.writeNull();
                return;
            }
            SerializableString known = encoded.get(value);
            if (known == null) {
                known = new SerializedString(value);
                if (encoded.size() < MOST) {
                    encoded.put(value, known);
                }
            }
            json.writeString(known);
        }
    }

    /** One finding, its repeated values written through {@code repeated}. */
    static void writeFinding(JsonGenerator json, Finding f, RepeatedStrings repeated) throws IOException {
        json.writeStartObject();
        repeated.write(json, RULE, f.rule());
        repeated.write(json, SEVERITY, f.severity().label());
        json.writeFieldName(MIGRATION);
        json.writeString(f.migration());
        json.writeFieldName(FILE);
        json.writeString(f.file());
        json.writeFieldName(LINE);
        json.writeNumber(f.line());
        json.writeFieldName(MESSAGE);
        json.writeString(f.message());
        repeated.write(json, FIX, f.fix());
        json.writeArrayFieldStart("evidence");
        for (Evidence e : f.evidence()) {
            json.writeStartObject();
            if (e.consumer() != null) {
                json.writeStringField("consumer", e.consumer());
            }
            json.writeStringField("file", e.file());
            json.writeNumberField("line", e.line());
            if (e.note() != null) {
                json.writeStringField("note", e.note());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /**
     * Each consumer's coverage: files scanned, queries found, analysed in full, in part, not at all, helper calls,
     * and every query not analysed in full with where and why.
     */
    static void writeCoverage(JsonGenerator json, ConsumerScan scan) throws IOException {
        json.writeArrayFieldStart("consumer_coverage");
        for (ConsumerScan.Coverage c : scan.coverage()) {
            json.writeStartObject();
            json.writeStringField("consumer", c.consumer());
            json.writeNumberField("files", c.files());
            json.writeNumberField("queries", c.queries());
            json.writeNumberField("analysed_in_full", c.full());
            json.writeNumberField("analysed_in_part", c.part());
            json.writeNumberField("not_analysed", c.none());
            json.writeNumberField("excluded", c.excluded());
            json.writeNumberField("helper_calls", c.helperCalls());
            json.writeNumberField("helper_calls_analysed", c.helpersAnalysed());
            if (c.minCoverage() != null) {
                json.writeNumberField("min_coverage", c.minCoverage());
            }
            json.writeArrayFieldStart("unanalysed");
            for (ConsumerScan.Query q : scan.queries()) {
                if (q.consumer().equals(c.consumer()) && q.analysis() != ConsumerScan.Analysis.FULL) {
                    json.writeStartObject();
                    json.writeStringField("file", q.file());
                    json.writeNumberField("line", q.line());
                    json.writeStringField("analysed", ConsumersJsonFormatter.analysed(q.analysis()));
                    strings(json, "gaps", q.gaps());
                    json.writeEndObject();
                }
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** A checksum as the runner stores it: Flyway's is a number, Liquibase's ({@code 9:...}) text. */
    private static void checksum(JsonGenerator json, String field, String value) throws IOException {
        if (value.matches("-?\\d+")) {
            json.writeNumberField(field, Long.parseLong(value));
        } else {
            json.writeStringField(field, value);
        }
    }

    static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        json.writeArrayFieldStart(field);
        for (String v : values) {
            json.writeString(v);
        }
        json.writeEndArray();
    }
}
