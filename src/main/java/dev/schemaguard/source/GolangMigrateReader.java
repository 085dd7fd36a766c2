package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** golang-migrate: {@code <version>_name.up.sql} and {@code <version>_name.down.sql}. */
public final class GolangMigrateReader implements MigrationReader {

    static final Pattern FILE = Pattern.compile("(\\d+)_(.*)\\.(up|down)\\.sql");

    @Override
    public MigrationFormat format() {
        return MigrationFormat.GOLANG_MIGRATE;
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir) {
        List<VersionedFile> files = new ArrayList<>();
        for (Path file : Directory.files(migrationsDir)) {
            String name = file.getFileName().toString();
            if (Directory.ignorable(name) || !name.endsWith(".sql")) {
                continue;
            }
            Path display = LinearHistory.relativize(projectDir, file);
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
                throw new InputException(display, "not a golang-migrate file: expected "
                        + "<version>_<name>.up.sql or <version>_<name>.down.sql");
            }
            String stem = m.group(1) + "_" + m.group(2);
            if (m.group(3).equals("down")) {
                if (!Files.isRegularFile(file.resolveSibling(stem + ".up.sql"))) {
                    throw new InputException(display, "down migration without an up migration: expected "
                            + stem + ".up.sql beside it");
                }
                continue;
            }
            Path downFile = file.resolveSibling(stem + ".down.sql");
            MigrationScript down = Files.isRegularFile(downFile)
                    ? new MigrationScript(downFile, TextFiles.read(downFile, LinearHistory.relativize(projectDir, downFile)), 1)
                    : null;
            files.add(new VersionedFile(m.group(1), LinearHistory.parseVersion(m.group(1)), file,
                    new MigrationScript(file, TextFiles.read(file, display), 1), down));
        }
        return LinearHistory.chain(projectDir, format(), files);
    }
}
