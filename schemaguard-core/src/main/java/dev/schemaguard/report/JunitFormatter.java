package dev.schemaguard.report;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.source.Migration;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML for CI dashboards (Jenkins, GitLab, Azure DevOps, test-reporter actions), valid against the JUnit schema
 * of Jenkins' xunit plugin.
 *
 * <p>The mapping:
 * <ul>
 *   <li>{@code <testsuites name="schemaguard">} holds one {@code <testsuite>} per file: every migration
 *       file of the project, plus any other file a finding points at (a down script, say). Suites are
 *       sorted by file; findings without a file come first, in a suite named {@value #PROJECT}.</li>
 *   <li>each finding is one {@code <testcase>} with {@code classname} = the suite's name and
 *       {@code name} = {@code "<rule> line <n>"} ({@code "<rule>"} when the finding has no line; a
 *       {@code " #2"}, {@code " #3"}... suffix keeps names unique in a suite). A finding at or above
 *       {@code --fail-on} fails its test case: {@code <failure type="<rule>" message="<message>">} with the
 *       severity, location, fix and evidence as text. A finding below it passes, its text in
 *       {@code <system-out>}: what does not fail the gate does not fail the dashboard either.</li>
 *   <li>when the rehearsal ran, each migration it applied has a passing test case {@value #REHEARSAL} whose time
 *       is the migration's rehearsal time, and each it never reached (an earlier one failed) a {@code <skipped>}
 *       one saying why; a failed migration's {@code migration-failed} finding is its failing case.</li>
 *   <li>a migration file without findings and without a rehearsal case gets one passing test case named
 *       {@value #PASSED}, so the dashboard lists the migrations that were checked and passed.</li>
 *   <li>{@code tests}, {@code failures}, {@code errors} (always 0: a finding is a failure, not a crash
 *       of the check), {@code skipped} (suites only: the xunit schema has no such attribute on the root) and
 *       {@code time} in seconds, the sum of the cases' times.</li>
 * </ul>
 * Characters XML 1.0 cannot hold (control characters, lone surrogates) are replaced by U+FFFD.
 */
public final class JunitFormatter implements Formatter {

    /** The suite of the findings that belong to no file. */
    static final String PROJECT = "project";
    /** The test case of a migration without findings. */
    static final String PASSED = "no findings";
    /** The test case of a migration's rehearsal. */
    static final String REHEARSAL = "rehearsal";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    public JunitFormatter() {
    }

    /**
     * One test case: a finding, the rehearsal of a migration, or the passing case of a clean file.
     *
     * @param finding the finding, or {@code null}
     * @param failed  whether it fails: a finding at or above --fail-on
     * @param skipped why it was not run (a migration the rehearsal did not reach), or {@code null}
     * @param millis  its time
     */
    private record Case(String name, Finding finding, boolean failed, String skipped, long millis, String out) {
    }

    /** The test cases of one suite. */
    private record Suite(String name, String migration, List<Case> cases) {

        long failures() {
            return cases.stream().filter(Case::failed).count();
        }

        long skipped() {
            return cases.stream().filter(c -> c.skipped() != null).count();
        }

        long millis() {
            return cases.stream().mapToLong(Case::millis).sum();
        }
    }

    @Override
    public String format(Report report) {
        List<Suite> suites = suites(report);
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "schemaguard");
            xml.writeAttribute("tests", Long.toString(suites.stream().mapToLong(s -> s.cases().size()).sum()));
            xml.writeAttribute("failures", Long.toString(suites.stream().mapToLong(Suite::failures).sum()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("time", seconds(suites.stream().mapToLong(Suite::millis).sum()));
            for (Suite suite : suites) {
                writeSuite(xml, suite);
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return out.append('\n').toString();
    }

    private static List<Suite> suites(Report report) {
        // Keyed by file; the project suite sorts first under the empty key, as Finding.ORDER puts
        // findings without a file first.
        Map<String, Suite> byFile = new TreeMap<>();
        Map<String, String> fileOf = new HashMap<>();
        for (Migration m : report.graph().source().migrations()) {
            byFile.computeIfAbsent(m.displayFile(), file -> new Suite(file, m.id(), new ArrayList<>()));
            fileOf.putIfAbsent(m.id(), m.displayFile());
        }
        Map<String, Integer> names = new HashMap<>();
        for (Finding f : report.findings()) {
            String key = f.file() == null ? "" : f.file().replace('\\', '/');
            Suite suite = byFile.computeIfAbsent(key,
                    k -> new Suite(k.isEmpty() ? PROJECT : k, k.isEmpty() ? null : f.migration(), new ArrayList<>()));
            boolean failed = report.failOn() != null && f.severity().atLeast(report.failOn());
            String name = unique(names, suite, f.line() > 0 ? f.rule() + " line " + f.line() : f.rule());
            suite.cases().add(new Case(name, f, failed, null, 0, details(f)));
        }
        report.rehearsal().ifPresent(rehearsal -> {
            for (RehearsalSummary.Entry e : rehearsal.migrations()) {
                Suite suite = byFile.get(fileOf.get(e.id()));
                if (suite == null || e.outcome().equals("failed")) {
                    continue; // a failed migration's case is its migration-failed finding
                }
                String name = unique(names, suite, REHEARSAL);
                if (e.outcome().equals("applied")) {
                    suite.cases().add(new Case(name, null, false, null, e.millis(), rehearsalText(e)));
                } else {
                    suite.cases().add(new Case(name, null, false,
                            e.outcome() + (e.note().isEmpty() ? "" : ": " + e.note()), 0, null));
                }
            }
        });
        List<Suite> suites = new ArrayList<>();
        for (Suite suite : byFile.values()) {
            if (suite.cases().isEmpty()) {
                suite.cases().add(new Case(PASSED, null, false, null, 0, null));
            }
            suites.add(suite);
        }
        return suites;
    }

    /** The name, made unique in its suite with " #2", " #3"... */
    private static String unique(Map<String, Integer> names, Suite suite, String name) {
        int n = names.merge(suite.name() + '\0' + name, 1, Integer::sum);
        return n == 1 ? name : name + " #" + n;
    }

    private static String rehearsalText(RehearsalSummary.Entry e) {
        StringBuilder s = new StringBuilder("applied in ").append(e.upMillis()).append(" ms (rehearsal ")
                .append(e.millis()).append(" ms)").append(e.note().isEmpty() ? "" : ", " + e.note()).append('\n');
        e.changes().forEach(change -> s.append(change).append('\n'));
        return s.toString();
    }

    private static void writeSuite(XMLStreamWriter xml, Suite suite) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", clean(suite.name()));
        xml.writeAttribute("tests", Integer.toString(suite.cases().size()));
        xml.writeAttribute("failures", Long.toString(suite.failures()));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", Long.toString(suite.skipped()));
        xml.writeAttribute("time", seconds(suite.millis()));
        if (suite.migration() != null) {
            xml.writeCharacters("\n    ");
            xml.writeStartElement("properties");
            xml.writeCharacters("\n      ");
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", "migration");
            xml.writeAttribute("value", clean(suite.migration()));
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
        }
        for (Case c : suite.cases()) {
            xml.writeCharacters("\n    ");
            if (c.out() == null && c.skipped() == null) {
                xml.writeEmptyElement("testcase");
                testcaseAttributes(xml, suite, c);
                continue;
            }
            xml.writeStartElement("testcase");
            testcaseAttributes(xml, suite, c);
            xml.writeCharacters("\n      ");
            if (c.skipped() != null) {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", clean(c.skipped()));
            } else {
                if (c.failed()) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("type", clean(c.finding().rule()));
                    xml.writeAttribute("message", clean(c.finding().message()));
                } else {
                    xml.writeStartElement("system-out");
                }
                xml.writeCharacters(clean(c.out()));
                xml.writeEndElement();
            }
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void testcaseAttributes(XMLStreamWriter xml, Suite suite, Case c) throws XMLStreamException {
        xml.writeAttribute("classname", clean(suite.name()));
        xml.writeAttribute("name", clean(c.name()));
        xml.writeAttribute("time", seconds(c.millis()));
    }

    /** Milliseconds as JUnit's seconds: "1.234". */
    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }

    /** The finding in full, as the text report words it. */
    private static String details(Finding f) {
        StringBuilder s = new StringBuilder();
        s.append(f.severity().label()).append(' ').append(f.rule());
        if (f.file() != null) {
            s.append(" at ").append(f.file()).append(f.line() > 0 ? ":" + f.line() : "");
        }
        if (f.migration() != null) {
            s.append(" (migration ").append(f.migration()).append(')');
        }
        s.append('\n').append(f.message()).append('\n');
        if (f.fix() != null) {
            s.append("fix: ").append(f.fix()).append('\n');
        }
        for (Evidence e : f.evidence()) {
            s.append("see: ").append(e.consumer() == null ? "" : e.consumer() + ": ")
                    .append(e.file()).append(e.line() > 0 ? ":" + e.line() : "")
                    .append(e.note() == null ? "" : "  " + e.note()).append('\n');
        }
        return s.toString();
    }

    /** The text with every character XML 1.0 cannot represent replaced by U+FFFD. */
    static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            int width = Character.charCount(c);
            boolean valid = c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF
                    || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000 && c <= 0x10FFFF;
            if (!valid && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                if (valid) {
                    out.appendCodePoint(c);
                } else {
                    out.append('\uFFFD');
                }
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }
}
