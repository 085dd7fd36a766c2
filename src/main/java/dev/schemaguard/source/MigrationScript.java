package dev.schemaguard.source;

import java.nio.file.Path;

/**
 * One direction (up or down) of a migration: its text and where that text starts.
 *
 * @param file      the file the text was read from
 * @param text      the script: SQL, or Python source for Alembic
 * @param firstLine the file line of the text's first line (a dbmate section starts below its marker)
 */
public record MigrationScript(Path file, String text, int firstLine) {
}
