package dev.schemaguard.report;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.testing.Schemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.schemaguard.report.ReportFixture.file;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code --format junit}: one suite per migration file, one failed test case per error or warning. */
class JunitFormatterTest {

    @TempDir
    Path dir;

    private static Element junit(Report report) {
        String text = new JunitFormatter().format(report);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").endsWith("</testsuites>\n");
        Schemas.assertJenkinsJunit(text);
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            Element root = doc.getDocumentElement();
            assertConsistentCounts(root);
            return root;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new AssertionError("not well-formed XML:\n" + text, e);
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element suite(Element root, String name) {
        return children(root, "testsuite").stream().filter(s -> s.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no suite " + name));
    }

    private static Element testcase(Element suite, String name) {
        return children(suite, "testcase").stream().filter(s -> s.getAttribute("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no testcase " + name + " in " + suite.getAttribute("name")));
    }

    private static List<String> attributes(List<Element> elements, String attribute) {
        return elements.stream().map(e -> e.getAttribute(attribute)).toList();
    }

    /** Every count and time agrees with the elements it counts, on every suite and on the root. */
    private static void assertConsistentCounts(Element root) {
        assertThat(root.getTagName()).isEqualTo("testsuites");
        assertThat(root.getAttribute("name")).isEqualTo("schemaguard");
        int tests = 0;
        int failures = 0;
        long millis = 0;
        for (Element suite : children(root, "testsuite")) {
            List<Element> cases = children(suite, "testcase");
            long failed = cases.stream().filter(c -> !children(c, "failure").isEmpty()).count();
            long skipped = cases.stream().filter(c -> !children(c, "skipped").isEmpty()).count();
            assertThat(cases).as("a suite is never empty").isNotEmpty();
            assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(cases.size()));
            assertThat(suite.getAttribute("failures")).isEqualTo(Long.toString(failed));
            assertThat(suite.getAttribute("errors")).isEqualTo("0");
            assertThat(suite.getAttribute("skipped")).isEqualTo(Long.toString(skipped));
            long suiteMillis = 0;
            for (Element c : cases) {
                assertThat(c.getAttribute("classname")).isEqualTo(suite.getAttribute("name"));
                assertThat(children(c, "error")).isEmpty();
                suiteMillis += millis(c.getAttribute("time"));
            }
            assertThat(millis(suite.getAttribute("time"))).isEqualTo(suiteMillis);
            assertThat(attributes(cases, "name")).as("test case names are unique in a suite").doesNotHaveDuplicates();
            tests += cases.size();
            failures += (int) failed;
            millis += suiteMillis;
        }
        assertThat(root.getAttribute("tests")).isEqualTo(Integer.toString(tests));
        assertThat(root.getAttribute("failures")).isEqualTo(Integer.toString(failures));
        assertThat(root.getAttribute("errors")).isEqualTo("0");
        assertThat(root.hasAttribute("skipped")).as("the xunit schema has no skipped on the root").isFalse();
        assertThat(millis(root.getAttribute("time"))).isEqualTo(millis);
    }

    private static long millis(String seconds) {
        assertThat(seconds).matches("\\d+\\.\\d{3}");
        return Math.round(Double.parseDouble(seconds) * 1000);
    }

    @Test
    void everyMigrationFileIsASuiteAndFindingsAreItsTestCases() {
        ReportFixture.forkedProject(dir);
        Element root = junit(ReportFixture.report(dir));

        List<Element> suites = children(root, "testsuite");
        assertThat(attributes(suites, "name")).containsExactly(file("001"), file("002"), file("003"), file("004"),
                file("005"), file("006"), file("007"));
        assertThat(root.getAttribute("tests")).isEqualTo("8");
        assertThat(root.getAttribute("failures")).isEqualTo("2");

        // Migrations without findings pass, so the dashboard lists them.
        for (String clean : List.of("001", "002", "003", "005", "006")) {
            Element suite = suite(root, file(clean));
            assertThat(attributes(children(suite, "testcase"), "name")).containsExactly("no findings");
            assertThat(suite.getAttribute("failures")).isEqualTo("0");
            Element property = children(children(suite, "properties").get(0), "property").get(0);
            assertThat(property.getAttribute("name")).isEqualTo("migration");
            assertThat(property.getAttribute("value")).isEqualTo(clean);
        }

        // The merged fork is an info finding: it passes, its text in system-out.
        Element merged = testcase(suite(root, file("004")), "fork line 10");
        assertThat(children(merged, "failure")).isEmpty();
        assertThat(children(merged, "system-out").get(0).getTextContent())
                .startsWith("info fork at " + file("004") + ":10 (migration 004)\n003 and 004 both revise 002")
                .contains("fix: Nothing to do if the branches touch different tables")
                .contains("see: " + file("003") + ":10  003 revises 002");

        // The unmerged fork and the extra head fail.
        Element heads = suite(root, file("007"));
        assertThat(attributes(children(heads, "testcase"), "name")).containsExactly("fork line 10", "multiple-heads line 10");
        assertThat(heads.getAttribute("failures")).isEqualTo("2");
        Element failure = children(testcase(heads, "multiple-heads line 10"), "failure").get(0);
        assertThat(failure.getAttribute("type")).isEqualTo("multiple-heads");
        assertThat(failure.getAttribute("message")).startsWith("2 heads: 006, 007. An upgrade to 'head' fails");
        assertThat(failure.getTextContent()).startsWith("error multiple-heads at " + file("007") + ":10 (migration 007)\n")
                .contains("fix: Add a merge revision").contains("see: " + file("006") + ":9  head 006");
    }

    @Test
    void findingsBelowFailOnPassWithTheirTextInSystemOut() {
        ReportFixture.linearProject(dir);
        Element suite = suite(junit(ReportFixture.report(dir, Severity.ERROR, List.of(
                new Finding("drop-column", Severity.WARNING, "002", file("002"), 3, "drops a column.", "Expand first.", List.of()),
                new Finding("non-idempotent-ddl", Severity.INFO, "002", file("002"), 4, "no IF NOT EXISTS.", null, List.of())))),
                file("002"));
        assertThat(suite.getAttribute("failures")).isEqualTo("0");
        Element warning = testcase(suite, "drop-column line 3");
        assertThat(children(warning, "failure")).isEmpty();
        assertThat(children(warning, "system-out").get(0).getTextContent()).startsWith("warning drop-column at ");

        Element never = suite(junit(ReportFixture.report(dir, null, List.of(
                new Finding("drop-column", Severity.ERROR, "002", file("002"), 3, "drops a column.", null, List.of())))),
                file("002"));
        assertThat(never.getAttribute("failures")).as("--fail-on never fails nothing").isEqualTo("0");
    }

    @Test
    void atOrAboveFailOnWarningsFailAndInfosPass() {
        ReportFixture.linearProject(dir);
        Element suite = suite(junit(ReportFixture.report(dir, Severity.WARNING, List.of(
                new Finding("drop-column", Severity.WARNING, "002", file("002"), 3, "drops a column.", "Expand first.", List.of()),
                new Finding("non-idempotent-ddl", Severity.INFO, "002", file("002"), 4, "no IF NOT EXISTS.", null, List.of())))),
                file("002"));
        assertThat(attributes(children(suite, "testcase"), "name")).containsExactly("drop-column line 3", "non-idempotent-ddl line 4");
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        Element warning = children(testcase(suite, "drop-column line 3"), "failure").get(0);
        assertThat(warning.getAttribute("type")).isEqualTo("drop-column");
        assertThat(warning.getTextContent()).startsWith("warning drop-column");
        Element info = testcase(suite, "non-idempotent-ddl line 4");
        assertThat(children(info, "failure")).isEmpty();
        assertThat(children(info, "system-out").get(0).getTextContent())
                .isEqualTo("info non-idempotent-ddl at " + file("002") + ":4 (migration 002)\nno IF NOT EXISTS.\n");
    }

    @Test
    void findingsWithoutAFileGoInTheProjectSuiteAndOtherFilesGetTheirOwn() {
        ReportFixture.linearProject(dir);
        Element root = junit(ReportFixture.report(dir,
                new Finding("unknown-stamp", Severity.ERROR, null, null, 0, "stamped 'x'.", "Stamp it.",
                        List.of(new Evidence("svc", "q.sql", 0, null))),
                new Finding("down-failed", Severity.ERROR, "002", "alembic/versions/002_step.down.sql", 2, "fails.", null,
                        List.of())));
        // Sorted by path, the project suite first.
        assertThat(attributes(children(root, "testsuite"), "name")).containsExactly("project", file("001"),
                "alembic/versions/002_step.down.sql", file("002"));
        Element project = suite(root, "project");
        assertThat(children(project, "properties")).isEmpty();
        Element stamp = testcase(project, "unknown-stamp");
        assertThat(stamp.getAttribute("classname")).isEqualTo("project");
        assertThat(children(stamp, "failure").get(0).getTextContent())
                .isEqualTo("error unknown-stamp\nstamped 'x'.\nfix: Stamp it.\nsee: svc: q.sql\n");
        Element down = suite(root, "alembic/versions/002_step.down.sql");
        assertThat(attributes(children(down, "testcase"), "name")).containsExactly("down-failed line 2");
        assertThat(children(children(down, "properties").get(0), "property").get(0).getAttribute("value")).isEqualTo("002");
        assertThat(attributes(children(suite(root, file("002")), "testcase"), "name")).containsExactly("no findings");
    }

    @Test
    void markupInMessagesAndNamesIsEscapedAndInvalidCharactersReplaced() {
        ReportFixture.linearProject(dir);
        String message = "a < b && \"c\" > 'd' ]]> <!-- x --> \u0001end \uD800";
        String fix = "use <![CDATA[ & ]]> \"quotes\"";
        String oddFile = "db/<weird> & \"odd\".sql";
        Element root = junit(ReportFixture.report(dir,
                new Finding("drop-column", Severity.ERROR, "002", oddFile, 1, message, fix, List.of())));
        Element suite = suite(root, oddFile);
        Element testcase = testcase(suite, "drop-column line 1");
        assertThat(testcase.getAttribute("classname")).isEqualTo(oddFile);
        Element failure = children(testcase, "failure").get(0);
        String cleaned = "a < b && \"c\" > 'd' ]]> <!-- x --> \uFFFDend \uFFFD";
        assertThat(failure.getAttribute("message")).isEqualTo(cleaned);
        assertThat(failure.getTextContent()).contains(cleaned).contains("fix: " + fix);
        // Only the failure's text: no stray elements were made out of the message.
        assertThat(failure.getChildNodes().getLength()).isEqualTo(1);
        assertThat(failure.getFirstChild().getNodeType()).isEqualTo(Node.TEXT_NODE);
    }

    @Test
    void sameRuleOnTheSameLineGetsDistinctNames() {
        ReportFixture.linearProject(dir);
        Element suite = suite(junit(ReportFixture.report(dir,
                new Finding("drop-column", Severity.ERROR, "002", file("002"), 5, "drops a.", null, List.of()),
                new Finding("drop-column", Severity.ERROR, "002", file("002"), 5, "drops b.", null, List.of()),
                new Finding("drop-column", Severity.ERROR, "002", file("002"), 0, "the file.", null, List.of()))),
                file("002"));
        assertThat(attributes(children(suite, "testcase"), "name"))
                .containsExactly("drop-column", "drop-column line 5", "drop-column line 5 #2");
        assertThat(suite.getAttribute("failures")).isEqualTo("3");
    }

    @Test
    void theOutputIsDeterministic() {
        ReportFixture.forkedProject(dir);
        Finding a = new Finding("unknown-stamp", Severity.ERROR, null, null, 0, "a.", "f.", List.of());
        Finding b = new Finding("drop-column", Severity.WARNING, "006", file("006"), 5, "b.", "f.", List.of());
        String once = new JunitFormatter().format(ReportFixture.report(dir, a, b));
        assertThat(new JunitFormatter().format(ReportFixture.report(dir, b, a))).isEqualTo(once);
        assertThat(once).doesNotContain(dir.toString()).doesNotContain("timestamp");
    }

    @Test
    void theRehearsalGivesEachMigrationItsTimeAndWhatItNeverReachedIsSkipped() {
        ReportFixture.linearProject(dir);
        Report checked = ReportFixture.report(dir, new Finding("migration-failed", Severity.ERROR, "001", file("001"), 9,
                "fails.", null, List.of()));
        RehearsalSummary rehearsal = new RehearsalSummary("embedded PostgreSQL 18", null, 2_500, List.of(
                new RehearsalSummary.Entry("001", "failed", "ERROR 42710", 1_200, 1_234, List.of(), List.of()),
                new RehearsalSummary.Entry("002", "not reached", "after 001 failed", 0, 0, List.of(), List.of())));
        Element root = junit(new Report("check", checked.graph(), checked.analysis(), checked.findings(),
                Optional.empty(), Severity.ERROR, java.util.Map.of(), Optional.of(rehearsal)));
        Element unreached = testcase(suite(root, file("002")), "rehearsal");
        assertThat(children(unreached, "skipped").get(0).getAttribute("message")).isEqualTo("not reached: after 001 failed");
        assertThat(suite(root, file("002")).getAttribute("skipped")).isEqualTo("1");
        // The failed migration's case is its finding; no second case says it again.
        assertThat(attributes(children(suite(root, file("001")), "testcase"), "name"))
                .containsExactly("migration-failed line 9");

        RehearsalSummary applied = new RehearsalSummary("embedded PostgreSQL 18", null, 2_500, List.of(
                new RehearsalSummary.Entry("001", "applied", "", 1_200, 1_234, List.of("table orders created"), List.of()),
                new RehearsalSummary.Entry("002", "applied", "", 5, 7, List.of(), List.of())));
        Report clean = ReportFixture.report(dir);
        Element timed = junit(new Report("check", clean.graph(), clean.analysis(), clean.findings(), Optional.empty(),
                Severity.ERROR, java.util.Map.of(), Optional.of(applied)));
        Element first = testcase(suite(timed, file("001")), "rehearsal");
        assertThat(first.getAttribute("time")).isEqualTo("1.234");
        assertThat(children(first, "system-out").get(0).getTextContent())
                .isEqualTo("applied in 1200 ms (rehearsal 1234 ms)\ntable orders created\n");
        assertThat(timed.getAttribute("time")).isEqualTo("1.241");
    }

    @Test
    void cleanReplacesOnlyWhatXmlCannotHold() {
        assertThat(JunitFormatter.clean("tab\tnewline\ncr\r emoji \uD83D\uDE00 é")).isEqualTo("tab\tnewline\ncr\r emoji \uD83D\uDE00 é");
        assertThat(JunitFormatter.clean("nul\u0000 bell\u0007 fffe\uFFFE lone\uDC00")).isEqualTo("nul\uFFFD bell\uFFFD fffe\uFFFD lone\uFFFD");
    }
}
