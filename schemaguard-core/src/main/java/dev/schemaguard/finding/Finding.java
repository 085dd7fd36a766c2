package dev.schemaguard.finding;

import java.util.Comparator;
import java.util.List;

/**
 * One hazard found by an analysis.
 *
 * @param rule      the rule id from the catalogue
 * @param severity  how bad it is, after configuration overrides
 * @param migration the id of the migration at fault, or {@code null} when no single one is
 * @param file      the file to open, relative to the project, or {@code null}
 * @param line      the line to look at (1-based), or 0
 * @param message   what is wrong, in a sentence or two
 * @param fix       what to do about it
 * @param evidence  other places that show the problem
 */
public record Finding(String rule, Severity severity, String migration, String file, int line,
                      String message, String fix, List<Evidence> evidence) {

    /** Output order: by file, line and rule, so the same input always reads the same. */
    public static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> f.file() == null ? "" : f.file())
            .thenComparingInt(Finding::line)
            .thenComparing(Finding::rule)
            .thenComparing(Finding::message);

    public Finding {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /**
     * Where a report that must point at a file points at the finding: its own file and line, else its first evidence
     * in the project (code scanning rejects a result without a location); {@code null} when it has neither.
     */
    public Evidence anchor() {
        if (file != null) {
            return Evidence.at(file, line, null);
        }
        return evidence.stream().filter(e -> e.consumer() == null && e.file() != null).findFirst().orElse(null);
    }

    /** The same finding at another severity. */
    public Finding withSeverity(Severity newSeverity) {
        return new Finding(rule, newSeverity, migration, file, line, message, fix, evidence);
    }
}
