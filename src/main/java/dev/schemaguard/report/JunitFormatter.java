package dev.schemaguard.report;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.source.Migration;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JUnit XML for CI dashboards (Jenkins, GitLab, Azure DevOps, test-reporter actions).
 *
 * <p>The mapping:
 * <ul>
 *   <li>{@code <testsuites name="schemaguard">} holds one {@code <testsuite>} per file: every migration
 *       file of the project, plus any other file a finding points at (a down script, say). Suites are
 *       sorted by file; findings without a file come first, in a suite named {@value #PROJECT}.</li>
 *   <li>each finding is one {@code <testcase>} with {@code classname} = the suite's name and
 *       {@code name} = {@code "<rule> line <n>"} ({@code "<rule>"} when the finding has no line; a
 *       {@code " #2"}, {@code " #3"}... suffix keeps names unique in a suite). An error or warning
 *       finding fails its test case: {@code <failure type="<rule>" message="<message>">} with the
 *       severity, location, fix and evidence as text. An info finding passes, its text in
 *       {@code <system-out>}.</li>
 *   <li>a migration file without findings gets one passing test case named {@value #PASSED}, so the
 *       dashboard lists the migrations that were checked and passed.</li>
 *   <li>{@code tests}, {@code failures}, {@code errors} (always 0: a finding is a failure, not a crash
 *       of the check), {@code skipped} (always 0) and {@code time} (always 0: no timings, so the same
 *       input gives the same bytes) on every suite and on the root.</li>
 * </ul>
 * Characters XML 1.0 cannot hold (control characters, lone surrogates) are replaced by U+FFFD.
 */
public final class JunitFormatter implements Formatter {

    /** The suite of the findings that belong to no file. */
    static final String PROJECT = "project";
    /** The test case of a migration without findings. */
    static final String PASSED = "no findings";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    public JunitFormatter() {
    }

    /** The test cases of one suite; a {@code null} finding is the passing case of a clean file. */
    private record Suite(String name, String migration, List<Finding> findings) {

        long failures() {
            return findings.stream().filter(f -> f != null && f.severity() != Severity.INFO).count();
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
            counts(xml, suites.stream().mapToLong(s -> s.findings().size()).sum(),
                    suites.stream().mapToLong(Suite::failures).sum());
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
        for (Migration m : report.graph().source().migrations()) {
            byFile.computeIfAbsent(m.displayFile(), file -> new Suite(file, m.id(), new ArrayList<>()));
        }
        for (Finding f : report.findings()) {
            String key = f.file() == null ? "" : f.file().replace('\\', '/');
            byFile.computeIfAbsent(key,
                    k -> new Suite(k.isEmpty() ? PROJECT : k, k.isEmpty() ? null : f.migration(), new ArrayList<>()))
                    .findings().add(f);
        }
        List<Suite> suites = new ArrayList<>();
        for (Suite suite : byFile.values()) {
            if (suite.findings().isEmpty()) {
                suite.findings().add(null);
            }
            suites.add(suite);
        }
        return suites;
    }

    private static void writeSuite(XMLStreamWriter xml, Suite suite) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", clean(suite.name()));
        counts(xml, suite.findings().size(), suite.failures());
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
        Map<String, Integer> names = new HashMap<>();
        for (Finding f : suite.findings()) {
            String name = f == null ? PASSED : f.line() > 0 ? f.rule() + " line " + f.line() : f.rule();
            int n = names.merge(name, 1, Integer::sum);
            String unique = n == 1 ? name : name + " #" + n;
            xml.writeCharacters("\n    ");
            if (f == null) {
                xml.writeEmptyElement("testcase");
                testcaseAttributes(xml, suite, unique);
                continue;
            }
            xml.writeStartElement("testcase");
            testcaseAttributes(xml, suite, unique);
            xml.writeCharacters("\n      ");
            if (f.severity() == Severity.INFO) {
                xml.writeStartElement("system-out");
            } else {
                xml.writeStartElement("failure");
                xml.writeAttribute("type", clean(f.rule()));
                xml.writeAttribute("message", clean(f.message()));
            }
            xml.writeCharacters(clean(details(f)));
            xml.writeEndElement();
            xml.writeCharacters("\n    ");
            xml.writeEndElement();
        }
        xml.writeCharacters("\n  ");
        xml.writeEndElement();
    }

    private static void testcaseAttributes(XMLStreamWriter xml, Suite suite, String name) throws XMLStreamException {
        xml.writeAttribute("classname", clean(suite.name()));
        xml.writeAttribute("name", clean(name));
        xml.writeAttribute("time", "0");
    }

    private static void counts(XMLStreamWriter xml, long tests, long failures) throws XMLStreamException {
        xml.writeAttribute("tests", Long.toString(tests));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", "0");
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", "0");
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
