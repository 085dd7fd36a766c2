package dev.schemaguard.source;

import java.nio.file.Path;
import java.util.List;

/** Reads one migration format from a directory into migrations. */
public interface MigrationReader {

    /** The format this reader reads. */
    MigrationFormat format();

    /**
     * Reads every migration in the directory.
     *
     * @param projectDir    the project directory; migration files are named relative to it
     * @param migrationsDir the directory holding the migrations
     * @param notes         where the reader says what it passed over, as the runner passes over it
     * @return the migrations in the runner's order of files
     * @throws dev.schemaguard.io.InputException when a file cannot be read or is not a migration of this format
     */
    List<Migration> read(Path projectDir, Path migrationsDir, Notes notes);

    /** Reads every migration in the directory, what was passed over left unsaid. */
    default List<Migration> read(Path projectDir, Path migrationsDir) {
        return read(projectDir, migrationsDir, new Notes());
    }
}
