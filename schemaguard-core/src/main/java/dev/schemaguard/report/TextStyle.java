package dev.schemaguard.report;

import dev.schemaguard.finding.Severity;

/**
 * How the text report marks what matters on a terminal: severities in colour, rule ids as links to their documents.
 * {@link #PLAIN} marks nothing, for files, pipes and {@code NO_COLOR}.
 */
public interface TextStyle {

    /** No colour, no links. */
    TextStyle PLAIN = new TextStyle() {
    };

    /** A severity label (already padded), in the severity's colour. */
    default String severity(Severity severity, String label) {
        return label;
    }

    /** A rule id, linked to its document. */
    default String rule(String id) {
        return id;
    }

    /** A heading: a file, the verdict. */
    default String strong(String text) {
        return text;
    }

    /** The verdict's outcome: failed or passed. */
    default String outcome(boolean failed, String text) {
        return text;
    }
}
