package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain SQL migrations (hand-written, Drizzle): {@code NNNN_name.sql} with an optional
 * {@code NNNN_name.down.sql} beside it, ordered by the numeric prefix.
 */
public final class SqlReader implements MigrationReader {

    static final Pattern UP = Pattern.compile("(\\d+)_([^/]*)\\.sql");
    static final Pattern DOWN = Pattern.compile("(\\d+)_([^/]*)\\.down\\.sql");

    @Override
    public MigrationFormat format() {
        return MigrationFormat.SQL;
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        List<Matcher> ups = new ArrayList<>();
        List<Path> upFiles = new ArrayList<>();
        for (Path file : Directory.files(migrationsDir)) {
            String name = file.getFileName().toString();
            if (Directory.ignorable(name) || !name.endsWith(".sql")) {
                continue;
            }
            Matcher down = DOWN.matcher(name);
            if (name.endsWith(".down.sql") && down.matches()) {
                Path up = file.resolveSibling(down.group(1) + "_" + down.group(2) + ".sql");
                if (!Files.isRegularFile(up)) {
                    throw new InputException(display.of(file), "down migration without an up migration: expected "
                            + up.getFileName() + " beside it");
                }
                continue;
            }
            Matcher up = UP.matcher(name);
            if (!up.matches()) {
                throw new InputException(display.of(file), "cannot order this file: plain SQL migrations are named "
                        + "NNNN_name.sql (a number, an underscore, a name); rename it or move it out of the "
                        + "migrations directory");
            }
            ups.add(up);
            upFiles.add(file);
        }
        // Reading is most of the time on large histories: the files are read on every core.
        List<VersionedFile> files = Parallel.mapInOrder(upFiles, (file, i) -> {
            Matcher up = ups.get(i);
            Path downFile = file.resolveSibling(up.group(1) + "_" + up.group(2) + ".down.sql");
            MigrationScript downScript = Files.isRegularFile(downFile)
                    ? new MigrationScript(downFile, TextFiles.read(downFile, display.of(downFile)), 1) : null;
            return new VersionedFile(up.group(1), LinearHistory.parseVersion(up.group(1)), file,
                    new MigrationScript(file, TextFiles.read(file, display.of(file)), 1), downScript);
        });
        return LinearHistory.chain(projectDir, format(), files);
    }
}
