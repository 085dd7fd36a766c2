package dev.schemaguard.report;

/** Writes a report in one output format. */
public interface Formatter {

    /** The text of the report, ending with a newline. */
    String format(Report report);
}
