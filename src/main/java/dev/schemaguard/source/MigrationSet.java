package dev.schemaguard.source;

import java.nio.file.Path;
import java.util.List;

/**
 * Every migration of a project as read from disk, in the runner's file order.
 *
 * @param projectDir    the project directory all files are relative to
 * @param migrationsDir the directory the migrations were read from
 * @param format        the format they were read as
 * @param migrations    the migrations; ids are not yet checked for duplicates (the graph analysis reports them)
 */
public record MigrationSet(Path projectDir, Path migrationsDir, MigrationFormat format, List<Migration> migrations) {

    public MigrationSet {
        migrations = List.copyOf(migrations);
    }
}
