package dev.schemaguard.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a report in one output format. */
public interface Formatter {

    /** The text of the report, ending with a newline. */
    String format(Report report);

    /**
     * Writes the text of the report to {@code out} as UTF-8. Formats whose reports grow large stream it instead of
     * building the whole text first.
     */
    default void write(Report report, OutputStream out) throws IOException {
        out.write(format(report).getBytes(StandardCharsets.UTF_8));
    }
}
