package dev.schemaguard.source;

import java.nio.file.Path;

/**
 * One direction (up or down) of a migration: its text and where that text starts.
 *
 * @param file      the file the text was read from
 * @param text      the script: SQL, or Python source for Alembic
 * @param firstLine the file line of the text's first line (a dbmate section starts below its marker)
 * @param options   what the file tells its runner about this script (dbmate's {@code transaction:false} on the
 *                  marker line), or empty
 */
public record MigrationScript(Path file, String text, int firstLine, String options) {

    /** A script whose file tells the runner nothing beyond the SQL. */
    public MigrationScript(Path file, String text, int firstLine) {
        this(file, text, firstLine, "");
    }
}
