package dev.schemaguard.finding;

/**
 * A place that supports a finding: another migration, a consumer's query, a file of the project.
 *
 * @param consumer the consumer the place belongs to, or {@code null} for the project itself
 * @param file     the file, relative to the project (or consumer) directory
 * @param line     the 1-based line, or 0 when the whole file is meant
 * @param note     what the place shows, or {@code null}
 */
public record Evidence(String consumer, String file, int line, String note) {

    public static Evidence at(String file, int line, String note) {
        return new Evidence(null, file, line, note);
    }
}
