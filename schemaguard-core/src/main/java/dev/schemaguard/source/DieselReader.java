package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * diesel: a folder per migration, {@code <version>_<name>/up.sql} with an optional {@code down.sql} and an optional
 * {@code metadata.toml} ({@code run_in_transaction = false} to run it outside a transaction). The version is the
 * folder name up to its first underscore ({@code 2019-01-01-000000}); diesel records it without the dashes, so
 * versions are compared as their digits.
 */
public final class DieselReader implements MigrationReader {

    private static final Pattern RUN_IN_TRANSACTION =
            Pattern.compile("(?m)^\\s*run_in_transaction\\s*=\\s*(true|false)\\s*(#.*)?$");
    /** What {@link MigrationScript#options()} holds for a migration diesel runs without a transaction. */
    public static final String NO_TRANSACTION = "run_in_transaction = false";

    @Override
    public MigrationFormat format() {
        return MigrationFormat.DIESEL;
    }

    /** Whether a folder is shaped like a diesel migration (its up.sql, and no metadata.yaml of a folder DAG). */
    static boolean isMigrationFolder(Path folder) {
        return Files.isRegularFile(folder.resolve("up.sql")) && !Files.exists(folder.resolve("metadata.yaml"));
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        List<Path> folders = Directory.folders(migrationsDir);
        notes.looseSqlFiles(migrationsDir, "diesel");
        List<VersionedFile> files = Parallel.mapInOrder(folders, (folder, i) -> {
            String name = folder.getFileName().toString();
            Path up = folder.resolve("up.sql");
            if (!Files.isRegularFile(up)) {
                throw new InputException(display.of(folder), "a folder of the diesel migrations directory without "
                        + "up.sql: diesel stops on it too; add up.sql, or move the folder out of the migrations "
                        + "directory");
            }
            String version = name.contains("_") ? name.substring(0, name.indexOf('_')) : name;
            String digits = version.replace("-", "");
            if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)) {
                throw new InputException(display.of(folder), "cannot order this migration: its version '" + version
                        + "' (the folder name up to the first underscore) is not a timestamp or number");
            }
            String options = runInTransaction(folder.resolve("metadata.toml"), display) ? "" : NO_TRANSACTION;
            Path down = folder.resolve("down.sql");
            MigrationScript downScript = null;
            if (Files.isRegularFile(down)) {
                String text = TextFiles.read(down, display.of(down));
                downScript = SqlText.hasStatements(text) ? new MigrationScript(down, text, 1, options) : null;
            }
            return new VersionedFile(version, List.of(new BigInteger(digits)), up,
                    new MigrationScript(up, TextFiles.read(up, display.of(up)), 1, options), downScript);
        });
        return LinearHistory.chain(projectDir, format(), new ArrayList<>(files));
    }

    /** {@code run_in_transaction} of metadata.toml; diesel's default is true. */
    private static boolean runInTransaction(Path metadata, LinearHistory.DisplayPaths display) {
        if (!Files.isRegularFile(metadata)) {
            return true;
        }
        Matcher m = RUN_IN_TRANSACTION.matcher(TextFiles.read(metadata, display.of(metadata)));
        return !m.find() || m.group(1).equals("true");
    }
}
