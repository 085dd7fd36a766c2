package dev.schemaguard.source;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One migration as its runner sees it: an id, the ids it revises, and its scripts.
 *
 * @param id           the revision or version id, as written in the file (Alembic revision, Flyway version, ...)
 * @param parents      the ids this migration revises, in declaration order (empty for a root)
 * @param dependsOn    further ids that must be applied first without being parents (Alembic {@code depends_on})
 * @param branchLabels Alembic branch labels; empty elsewhere
 * @param file         the file that declares the migration, relative to the project directory
 * @param line         the line that declares the id (Alembic {@code revision = ...}); 1 for file-named formats
 * @param parentsLine  the line that declares the parents (Alembic {@code down_revision = ...}); 1 elsewhere
 * @param format       the format the migration was read as
 * @param up           the forward script
 * @param down         the reverse script, if the project has one
 * @param order        the position of the migration in the runner's own ordering of files, used to break ties
 */
public record Migration(
        String id,
        List<String> parents,
        List<String> dependsOn,
        List<String> branchLabels,
        Path file,
        int line,
        int parentsLine,
        MigrationFormat format,
        MigrationScript up,
        Optional<MigrationScript> down,
        int order) {

    public Migration {
        parents = List.copyOf(parents);
        dependsOn = List.copyOf(dependsOn);
        branchLabels = List.copyOf(branchLabels);
    }

    /** The file as shown to users: relative, with forward slashes on every platform. */
    public String displayFile() {
        return file.toString().replace('\\', '/');
    }
}
