package dev.schemaguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Snapshots of the findings a fixture produces, every word of them: where, rule, severity, message, fix and evidence,
 * so that a change of what a rule says is a reviewed change of its snapshot file. Run the tests with
 * {@code -Dschemaguard.snapshots=update} to rewrite the snapshots after such a change, then read the diff.
 */
public final class FindingSnapshots {

    private static final boolean UPDATE = "update".equals(System.getProperty("schemaguard.snapshots"));

    private FindingSnapshots() {
    }

    /** The findings, in report order, one block each. */
    public static String render(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        StringBuilder out = new StringBuilder();
        for (Finding f : sorted) {
            out.append(f.file() == null ? "(project)" : f.file() + ":" + f.line()).append("  ")
                    .append(f.severity().label()).append("  ").append(f.rule())
                    .append(f.migration() == null ? "" : "  (migration " + f.migration() + ")").append('\n');
            out.append("  ").append(f.message()).append('\n');
            out.append("  fix: ").append(f.fix()).append('\n');
            for (Evidence e : f.evidence()) {
                out.append("  see: ").append(e.consumer() == null ? "" : e.consumer() + ": ").append(e.file())
                        .append(e.line() > 0 ? ":" + e.line() : "").append(e.note() == null ? "" : "  " + e.note())
                        .append('\n');
            }
        }
        return out.toString();
    }

    /** The findings of a JSON report, as the formatter wrote them. */
    public static List<Finding> fromJson(JsonNode report) {
        List<Finding> findings = new ArrayList<>();
        for (JsonNode f : report.path("findings")) {
            List<Evidence> evidence = new ArrayList<>();
            for (JsonNode e : f.path("evidence")) {
                evidence.add(new Evidence(text(e, "consumer"), text(e, "file"), e.path("line").asInt(), text(e, "note")));
            }
            findings.add(new Finding(f.get("rule").asText(), Severity.fromLabel(f.get("severity").asText()),
                    text(f, "migration"), text(f, "file"), f.path("line").asInt(), f.get("message").asText(),
                    text(f, "fix"), evidence));
        }
        return findings;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * Asserts that {@code snapshot} holds {@code header} (the lines that say how the findings were made, if any) and
     * then exactly {@code actual}. A missing snapshot is written and the test fails, so that it is read before it is
     * committed.
     */
    public static void assertMatches(Path snapshot, String header, String actual) {
        String expected = header + actual;
        try {
            if (UPDATE) {
                Files.writeString(snapshot, expected, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(snapshot)) {
                Files.writeString(snapshot, expected, StandardCharsets.UTF_8);
                fail("no snapshot " + snapshot + " yet: written now; read it, then commit it");
            }
            assertThat(expected).as("findings against the snapshot %s (rewrite it with -Dschemaguard.snapshots=update)",
                    snapshot).isEqualTo(Files.readString(snapshot, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
