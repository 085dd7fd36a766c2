package dev.schemaguard.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.HeadlessChromium;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --format html}, opened as a reviewer opens it: in a real browser (Debian's headless Chromium), which must
 * load it without an error or a request for anything outside the file, and show what the JSON report of the same run
 * says. The pages and their screenshots are kept in {@code target/html-report/} for a person to look at.
 */
class HtmlReportTest {

    private static final Path ARTEFACTS = Path.of("target/html-report");
    private static HeadlessChromium browser;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBrowser() throws IOException, InterruptedException {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stopBrowser() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
    }

    /** The page of a run, and its JSON report, from the same arguments. */
    private static JsonNode run(Path page, String... args) {
        String[] html = Stream.concat(Stream.of(args), Stream.of("--format", "html", "--output", page.toString(),
                "--fail-on", "never")).toArray(String[]::new);
        Cli.Result written = Cli.run(html);
        assertThat(written.exitCode()).as(written.err()).isZero();
        String[] json = Stream.concat(Stream.of(args), Stream.of("--format", "json", "--fail-on", "never"))
                .toArray(String[]::new);
        return Cli.run(json).json();
    }

    @Test
    void aRehearsedHistoryWithConsumersShowsItsCountsTimelineAndMatrixWithoutAnError() throws IOException {
        new ProjectBuilder(dir).copyOf(Path.of("schemaguard-core/src/test/resources/consumers/consumer-breaking-change"))
                .file("db/migrations/0006_orders_fail.sql", "-- </script><script>document.title = 'injected'</script>\n"
                        + "ALTER TABLE no_such_table ADD COLUMN x int;\n")
                .file("db/migrations/0007_after.sql", "CREATE TABLE IF NOT EXISTS later (id int);\n");
        Path page = ARTEFACTS.resolve("rehearsed-with-consumers.html").toAbsolutePath();
        JsonNode json = run(page, "check", dir.toString());
        assertThat(json.get("rehearsal").get("skipped").isNull()).as("the rehearsal ran").isTrue();

        browser.open(page);
        assertThat(browser.errors()).as("errors in the page").isEmpty();
        assertThat(browser.evaluate("document.body.getAttribute('data-ready')").asText()).isEqualTo("true");
        assertThat(browser.evaluate("document.title").asText()).startsWith("SchemaGuard check: ");
        assertThat(browser.evaluate("document.scripts.length").asInt()).as("no script came from the project")
                .isEqualTo(2);
        for (String severity : new String[] {"error", "warning", "info"}) {
            assertThat(browser.evaluate("+document.getElementById('count-" + severity + "').dataset.count").asLong())
                    .as(severity).isEqualTo(json.get("summary").get(severity.equals("info") ? "infos" : severity + "s")
                            .asLong());
        }
        assertThat(browser.evaluate("document.querySelectorAll('.finding').length").asInt())
                .isEqualTo(json.get("findings").size());
        assertThat(browser.evaluate("document.querySelectorAll('g.node').length").asInt())
                .isEqualTo(json.get("summary").get("migrations").asInt());
        assertThat(browser.evaluate("document.querySelector('g.node[data-id=\"0006\"]').classList.contains("
                + "'sev-error')").asBoolean()).as("the failing migration is coloured by its worst finding").isTrue();
        // The rehearsal's timeline: one row per migration it tried, the failure and what it never reached.
        assertThat(browser.evaluate("document.querySelectorAll('.timeline tbody tr').length").asInt())
                .isEqualTo(json.get("rehearsal").get("migrations").size());
        assertThat(browser.evaluate("document.querySelector('.timeline tr.failed td').textContent").asText())
                .isEqualTo("0006");
        assertThat(browser.evaluate("document.querySelectorAll('.timeline tr.not-reached').length").asInt())
                .isEqualTo(1);
        // The consumer matrix: the column 0003 drops is broken for the consumers that read it.
        String broken = browser.evaluate("Array.from(document.querySelectorAll('.matrix td.broken'))"
                + ".map(td => td.parentElement.cells[0].textContent + '.' + td.parentElement.cells[1].textContent"
                + " + ' ' + td.textContent).join('\\n')").asText();
        assertThat(broken).contains("players.team_id R broken by 0003");
        // The source around a finding is shown, the script in a migration's comment as text.
        assertThat(browser.evaluate("Array.from(document.querySelectorAll('pre.source .hit'))"
                + ".map(s => s.textContent).join('\\n')").asText()).contains("ALTER TABLE no_such_table ADD COLUMN x int;");
        assertThat(browser.evaluate("document.body.textContent.includes(\"document.title = 'injected'\")").asBoolean())
                .isTrue();

        // Unticking a severity hides its findings.
        browser.evaluate("(() => { const box = document.querySelector('input[data-filter=info]'); box.click(); })()");
        assertThat(browser.evaluate("Array.from(document.querySelectorAll('.finding.info')).every(f => f.hidden)")
                .asBoolean()).isTrue();
        browser.screenshot(ARTEFACTS.resolve("rehearsed-with-consumers.png"));
        assertThat(browser.errors()).isEmpty();
    }

    @Test
    void theGraphShowsForksMergesTheStampAndTheUpgradePath() throws IOException {
        new ProjectBuilder(dir).copyOf(Path.of("schemaguard-core/src/test/resources/layouts/folder-dag"));
        Path page = ARTEFACTS.resolve("fork-and-stamp.html").toAbsolutePath();
        JsonNode json = run(page, "check", dir.toString(), "--static", "--stamp", "1000000001");
        assertThat(json.get("upgrade").get("pending")).isNotEmpty();

        browser.open(page);
        assertThat(browser.errors()).as("errors in the page").isEmpty();
        assertThat(classes("1000000000")).contains("fork");
        assertThat(classes("1000000003")).contains("merge");
        assertThat(classes("1000000001")).contains("stamp");
        for (JsonNode pending : json.get("upgrade").get("pending")) {
            assertThat(classes(pending.asText())).contains("pending");
        }
        assertThat(classes("1000000004")).contains("head");
        // The page's script marks the edges of the upgrade path.
        assertThat(browser.evaluate("Array.from(document.querySelectorAll('line.edge.path'))"
                + ".map(l => l.dataset.from + '>' + l.dataset.to).sort().join(' ')").asText())
                .isEqualTo("1000000001>1000000003 1000000002>1000000003 1000000003>1000000004");
        browser.screenshot(ARTEFACTS.resolve("fork-and-stamp.png"));
        assertThat(Files.size(ARTEFACTS.resolve("fork-and-stamp.png"))).isPositive();
    }

    private static String classes(String id) {
        return browser.evaluate("document.querySelector('g.node[data-id=\"" + id + "\"]').getAttribute('class')")
                .asText();
    }
}
