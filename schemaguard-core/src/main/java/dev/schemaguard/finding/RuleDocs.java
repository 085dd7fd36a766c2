package dev.schemaguard.finding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The documentation of each rule: a header made from its {@link RuleSpec} (title, summary, default severity and
 * what finds it), then the body shipped in the jar as {@code dev/schemaguard/rules/<id>.md}, with the sections What,
 * Why, How to fix and Example.
 */
public final class RuleDocs {

    private RuleDocs() {
    }

    /** The whole Markdown document of a rule. */
    public static String markdown(String id) {
        RuleCatalogue.Entry rule = RuleCatalogue.get(id);
        return "# " + id + "\n\n> " + rule.summary() + "\n\n" + rule.severityLine() + "\n\n" + body(id);
    }

    /** The written part of a rule's documentation: from its first section (What) to its example. */
    public static String body(String id) {
        try (InputStream in = RuleDocs.class.getResourceAsStream("/dev/schemaguard/rules/" + id + ".md")) {
            if (in == null) {
                throw new IllegalStateException("rule " + id + " has no documentation in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
