package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prisma Migrate: {@code migrations/<timestamp>_<name>/migration.sql}, applied in the order of the folder names, each
 * migration's id its folder name (Prisma's {@code migration_name}); {@code migration_lock.toml} names the database the
 * SQL was written for. Prisma has no down migrations.
 */
public final class PrismaReader implements MigrationReader {

    static final String LOCK = "migration_lock.toml";
    private static final Pattern PROVIDER = Pattern.compile("(?m)^\\s*provider\\s*=\\s*\"([^\"]*)\"");

    @Override
    public MigrationFormat format() {
        return MigrationFormat.PRISMA;
    }

    /** Whether a folder is shaped like a Prisma migration. */
    static boolean isMigrationFolder(Path folder) {
        return Files.isRegularFile(folder.resolve("migration.sql"));
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        Path lock = migrationsDir.resolve(LOCK);
        if (Files.isRegularFile(lock)) {
            String text = TextFiles.read(lock, display.of(lock));
            Matcher m = PROVIDER.matcher(text);
            if (m.find() && !m.group(1).equals("postgresql")) {
                int line = (int) text.substring(0, m.start(1)).chars().filter(c -> c == '\n').count() + 1;
                throw new InputException(display.of(lock), line, "these Prisma migrations are written for "
                        + m.group(1) + ", not PostgreSQL: SchemaGuard checks PostgreSQL migrations");
            }
        }
        notes.looseSqlFiles(migrationsDir, "Prisma Migrate");
        List<Path> folders = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (Path folder : Directory.folders(migrationsDir)) {
            if (isMigrationFolder(folder)) {
                folders.add(folder);
            } else {
                without.add(folder.getFileName().toString());
            }
        }
        if (!without.isEmpty()) {
            notes.add("not read: " + without.size() + (without.size() == 1 ? " folder" : " folders") + " of "
                    + display.of(migrationsDir).toString().replace('\\', '/') + " without migration.sql ("
                    + Notes.some(without, 3) + "); Prisma Migrate stops on such a folder, so another runner applies "
                    + (without.size() == 1 ? "it" : "them"));
        }
        // Prisma orders migrations by folder name, as strings.
        folders.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        List<Migration> migrations = Parallel.mapInOrder(folders, (folder, i) -> {
            Path file = folder.resolve("migration.sql");
            Path shown = display.of(file);
            String parent = i == 0 ? null : folders.get(i - 1).getFileName().toString();
            return new Migration(folder.getFileName().toString(), parent == null ? List.of() : List.of(parent),
                    List.of(), List.of(), shown, 1, 1, MigrationFormat.PRISMA,
                    new MigrationScript(file, TextFiles.read(file, shown), 1), Optional.empty(), i);
        });
        return migrations;
    }
}
