package dev.schemaguard.finding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The documentation of each rule, shipped in the jar as {@code dev/schemaguard/rules/<id>.md}:
 * a title line {@code # <id>}, a summary line {@code > <one sentence>}, then the sections
 * What, Why, How to fix and Example.
 */
public final class RuleDocs {

    private RuleDocs() {
    }

    /** The whole Markdown document of a rule. */
    public static String markdown(String id) {
        if (!RuleCatalogue.contains(id)) {
            throw new IllegalArgumentException("not a rule: " + id);
        }
        try (InputStream in = RuleDocs.class.getResourceAsStream("/dev/schemaguard/rules/" + id + ".md")) {
            if (in == null) {
                throw new IllegalStateException("rule " + id + " has no documentation in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one-sentence summary of a rule (the document's {@code > } line). */
    public static String summary(String id) {
        for (String line : markdown(id).split("\n")) {
            if (line.startsWith("> ")) {
                return line.substring(2).strip();
            }
        }
        throw new IllegalStateException("rule " + id + " has no '> summary' line in its documentation");
    }
}
