package dev.schemaguard.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every migration of a project as read from disk, in the runner's file order.
 *
 * @param projectDir    the project directory all files are relative to
 * @param migrationsDir the directory the migrations were read from (the first, when there are several)
 * @param format        the format they were read as
 * @param migrations    the migrations; ids are not yet checked for duplicates (the graph analysis reports them)
 * @param sources       how many migrations were read from which folder, in the order the folders were read
 * @param notes         what reading showed that the report must say (files skipped as the runner skips them,
 *                      parts of the history not read), each once
 */
public record MigrationSet(Path projectDir, Path migrationsDir, MigrationFormat format, List<Migration> migrations,
                           List<Source> sources, List<String> notes) {

    /**
     * One folder migrations were read from.
     *
     * @param dir        the folder, absolute
     * @param format     the format its migrations were read as
     * @param migrations how many migrations it held
     */
    public record Source(Path dir, MigrationFormat format, int migrations) {
    }

    public MigrationSet {
        migrations = List.copyOf(migrations);
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
    }

    /** Migrations read from one folder, with nothing to note. */
    public MigrationSet(Path projectDir, Path migrationsDir, MigrationFormat format, List<Migration> migrations) {
        this(projectDir, migrationsDir, format, migrations,
                List.of(new Source(migrationsDir, format, migrations.size())), List.of());
    }

    /**
     * Migrations read from several folders: each migration counts for the folder its file is in (the deepest, when
     * folders nest).
     */
    static MigrationSet of(Path projectDir, List<Path> dirs, MigrationFormat format, List<Migration> migrations,
                           List<String> notes) {
        int[] counts = new int[dirs.size()];
        // a file is in the folders its directory is in: worked out once per directory, not once per file
        Map<Path, Integer> folderOfDirectory = new HashMap<>();
        for (Migration m : migrations) {
            Path directory = m.file().getParent();
            Integer best = directory == null ? null : folderOfDirectory.get(directory);
            if (best == null) {
                best = deepestFolder(projectDir.resolve(m.file()).normalize(), dirs);
                if (directory != null) {
                    folderOfDirectory.put(directory, best);
                }
            }
            if (best >= 0) {
                counts[best]++;
            }
        }
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            sources.add(new Source(dirs.get(i), format, counts[i]));
        }
        return new MigrationSet(projectDir, dirs.get(0), format, migrations, sources, notes);
    }

    /** The index of the deepest of {@code dirs} that {@code file} is in, or -1. */
    private static int deepestFolder(Path file, List<Path> dirs) {
        int best = -1;
        for (int i = 0; i < dirs.size(); i++) {
            if (file.startsWith(dirs.get(i)) && (best < 0 || dirs.get(i).startsWith(dirs.get(best)))) {
                best = i;
            }
        }
        return best;
    }

    /** The same set with one more note. */
    public MigrationSet withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new MigrationSet(projectDir, migrationsDir, format, migrations, sources, more);
    }

    /** A folder as shown to users: relative to the project, {@code .} for the project itself. */
    public String display(Path dir) {
        Path relative = LinearHistory.relativize(projectDir, dir);
        String shown = relative.toString().replace('\\', '/');
        return shown.isEmpty() ? "." : shown;
    }

    /** "25 migrations (alembic, alembic/versions)", or per folder when there are several. */
    public String summary() {
        int n = migrations.size();
        String count = n + (n == 1 ? " migration" : " migrations");
        if (sources.size() == 1) {
            return count + " (" + format.configName() + ", " + display(sources.get(0).dir()) + ")";
        }
        List<String> parts = new ArrayList<>();
        for (Source source : sources) {
            parts.add(source.migrations() + " in " + display(source.dir()));
        }
        return count + " (" + format.configName() + ": " + String.join(", ", parts) + ")";
    }
}
