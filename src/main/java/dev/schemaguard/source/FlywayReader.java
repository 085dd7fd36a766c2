package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway SQL migrations, found anywhere below the directory as Flyway scans them:
 * {@code V<version>__name.sql} (versioned), {@code U<version>__name.sql} (undo, the down migration of
 * the same version) and {@code R__name.sql} (repeatable, applied after every versioned migration in
 * the order of their names).
 */
public final class FlywayReader implements MigrationReader {

    static final Pattern VERSIONED = Pattern.compile("([VU])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");

    @Override
    public MigrationFormat format() {
        return MigrationFormat.FLYWAY;
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir) {
        return read(projectDir, List.of(migrationsDir));
    }

    /** Reads every location as one history, as Flyway does: a version may sit in any of them. */
    List<Migration> read(Path projectDir, List<Path> locations) {
        List<Path> versioned = new ArrayList<>();
        Map<List<BigInteger>, Path> undo = new HashMap<>();
        List<Path> repeatable = new ArrayList<>();
        List<Path> found = new ArrayList<>();
        locations.forEach(location -> found.addAll(Directory.filesRecursively(location)));
        for (Path file : found) {
            String name = file.getFileName().toString();
            if (Directory.ignorable(name) || !name.endsWith(".sql")) {
                continue;
            }
            Matcher m = VERSIONED.matcher(name);
            if (m.matches()) {
                if (m.group(1).equals("U")) {
                    undo.put(normalized(LinearHistory.parseVersion(m.group(2))), file);
                } else {
                    versioned.add(file);
                }
            } else if (REPEATABLE.matcher(name).matches()) {
                repeatable.add(file);
            } else {
                throw new InputException(LinearHistory.relativize(projectDir, file), "not a Flyway migration "
                        + "name: expected V<version>__<description>.sql, U<version>__<description>.sql or "
                        + "R__<description>.sql (note the two underscores)");
            }
        }
        List<VersionedFile> files = new ArrayList<>();
        for (Path file : versioned) {
            Matcher m = VERSIONED.matcher(file.getFileName().toString());
            if (!m.matches()) {
                throw new IllegalStateException("matched before: " + file);
            }
            String id = m.group(2).replace('_', '.');
            List<BigInteger> key = LinearHistory.parseVersion(m.group(2));
            Path undoFile = undo.remove(normalized(key));
            files.add(new VersionedFile(id, key, file, script(projectDir, file), undoFile == null ? null : script(projectDir, undoFile)));
        }
        if (!undo.isEmpty()) {
            Path orphan = undo.values().stream().sorted().findFirst().orElseThrow();
            throw new InputException(LinearHistory.relativize(projectDir, orphan),
                    "undo migration without a versioned migration of the same version");
        }
        List<Migration> migrations = new ArrayList<>(LinearHistory.chain(projectDir, format(), files));
        repeatable.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        String previous = migrations.isEmpty() ? null : migrations.get(migrations.size() - 1).id();
        for (Path file : repeatable) {
            String id = file.getFileName().toString().replaceFirst("\\.sql$", "");
            migrations.add(new Migration(id, previous == null ? List.of() : List.of(previous), List.of(), List.of(),
                    LinearHistory.relativize(projectDir, file), 1, 1, format(), script(projectDir, file),
                    Optional.empty(), migrations.size()));
            previous = id;
        }
        return migrations;
    }

    private static MigrationScript script(Path projectDir, Path file) {
        return new MigrationScript(file, TextFiles.read(file, LinearHistory.relativize(projectDir, file)), 1);
    }

    /** Flyway treats 1, 1.0 and 01 as one version. */
    private static List<BigInteger> normalized(List<BigInteger> key) {
        List<BigInteger> copy = new ArrayList<>(key);
        while (copy.size() > 1 && copy.get(copy.size() - 1).signum() == 0) {
            copy.remove(copy.size() - 1);
        }
        return copy;
    }
}
