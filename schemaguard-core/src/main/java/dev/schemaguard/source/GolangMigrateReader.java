package dev.schemaguard.source;

import dev.schemaguard.io.TextFiles;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * golang-migrate: {@code <version>_<title>.up.<ext>} and {@code <version>_<title>.down.<ext>}, matched with
 * golang-migrate's own pattern, so that a file it runs ({@code 2_b.up.sql.orig}) is read and a file it skips
 * ({@code 6.up.sql}, {@code 3_c.UP.sql}) is skipped too, and said to be. Versions are numbers: {@code 1} and
 * {@code 01} are one version.
 *
 * <p>The same names, with a database before {@code .up} ({@code 1_users.postgres.up.sql},
 * {@code 1_users.mysql.up.sql}), are gobuffalo pop's (and Ory's popx): pop runs the files of the database it is
 * connected to and those for every database, the database's own file replacing the common one of its version, and
 * runs a file marked {@code .autocommit.} without a transaction. A folder holding such names is read as pop reads it
 * for PostgreSQL, and the files for other databases are said to be left out.
 */
public final class GolangMigrateReader implements MigrationReader {

    /** golang-migrate's {@code source.DefaultRegex}. */
    static final Pattern FILE = Pattern.compile("^([0-9]+)_(.*)\\.(down|up)\\.(.*)$");
    /** pop's file names: version, title, database (absent: every database), autocommit, direction. */
    private static final Pattern POP_FILE = Pattern.compile(
            "^([0-9]+)_([^.]+)(\\.(?!autocommit\\.)[a-z0-9]+)?(\\.autocommit)?\\.(up|down)\\.sql$");
    /** pop's names of each database it runs migrations on ({@code pop.CanonicalDialect}). */
    private static final Map<String, String> POP_DATABASES = Map.of("postgres", "postgres", "postgresql", "postgres",
            "pg", "postgres", "cockroach", "cockroach", "cockroachdb", "cockroach", "crdb", "cockroach",
            "mysql", "mysql", "mariadb", "mysql", "sqlite", "sqlite3", "sqlite3", "sqlite3");
    /** What {@link MigrationScript#options()} holds for a pop migration run without a transaction. */
    public static final String AUTOCOMMIT = "autocommit";
    /** What a migration meant for golang-migrate looks like when it does not match: an .sql file with up or down. */
    private static final Pattern NEAR_MISS = Pattern.compile("(?i).*\\b(up|down)\\b.*\\.sql$");

    @Override
    public MigrationFormat format() {
        return MigrationFormat.GOLANG_MIGRATE;
    }

    /** Whether golang-migrate reads this file name as an up migration. */
    static boolean isUp(String name) {
        Matcher m = FILE.matcher(name);
        return m.matches() && m.group(3).equals("up");
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        List<Path> files = Directory.files(migrationsDir);
        if (files.stream().anyMatch(f -> isPopName(f.getFileName().toString()))) {
            return readPop(projectDir, files, notes);
        }
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        List<Path> ups = new ArrayList<>();
        Map<BigInteger, List<Path>> downs = new HashMap<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Matcher m = FILE.matcher(name);
            if (!m.matches()) {
                if (NEAR_MISS.matcher(name).matches()) {
                    skipped.add(name);
                }
                continue;
            }
            if (m.group(3).equals("up")) {
                ups.add(file);
            } else {
                downs.computeIfAbsent(new BigInteger(m.group(1)), v -> new ArrayList<>()).add(file);
            }
        }
        if (!skipped.isEmpty()) {
            notes.add("not read, as golang-migrate does not read them either (it takes <version>_<title>.up.<ext> "
                    + "and .down.<ext>): " + Notes.some(skipped, 5));
        }
        List<VersionedFile> migrations = new ArrayList<>();
        for (Path file : ups) {
            Matcher m = FILE.matcher(file.getFileName().toString());
            if (!m.matches()) {
                throw new IllegalStateException("matched before: " + file);
            }
            BigInteger version = new BigInteger(m.group(1));
            List<Path> down = downs.getOrDefault(version, List.of());
            // golang-migrate pairs an up and a down by version; a second down of one version is its own duplicate
            MigrationScript downScript = down.isEmpty() ? null : script(down.get(0), display);
            migrations.add(new VersionedFile(m.group(1), List.of(version), file, script(file, display), downScript));
        }
        for (Map.Entry<BigInteger, List<Path>> down : downs.entrySet()) {
            if (migrations.stream().noneMatch(f -> f.sortKey().get(0).equals(down.getKey()))) {
                notes.add("down migration without an up migration of its version, never run: "
                        + display.of(down.getValue().get(0)).toString().replace('\\', '/'));
            }
        }
        return LinearHistory.chain(projectDir, format(), migrations);
    }

    private static MigrationScript script(Path file, LinearHistory.DisplayPaths display) {
        return new MigrationScript(file, TextFiles.read(file, display.of(file)), 1);
    }

    /** Whether a file name is pop's own: it names a database pop knows, or it is marked {@code .autocommit.}. */
    private static boolean isPopName(String name) {
        Matcher m = POP_FILE.matcher(name);
        return m.matches() && (m.group(3) != null && POP_DATABASES.containsKey(m.group(3).substring(1))
                || m.group(4) != null);
    }

    /** One file as pop reads it: a migration of one version for one database (or all), up or down. */
    private record PopFile(Path file, String version, String database, boolean autocommit, boolean up) {
    }

    /**
     * The migrations pop runs on PostgreSQL: per version, the up file for postgres, else the one for every database;
     * its down chosen the same way.
     */
    private List<Migration> readPop(Path projectDir, List<Path> files, Notes notes) {
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        Map<BigInteger, List<PopFile>> byVersion = new java.util.TreeMap<>();
        Map<String, Integer> otherDatabases = new java.util.TreeMap<>();
        List<String> skipped = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            Matcher m = POP_FILE.matcher(name);
            if (!m.matches()) {
                if (NEAR_MISS.matcher(name).matches()) {
                    skipped.add(name);
                }
                continue;
            }
            String database = m.group(3) == null ? "all" : POP_DATABASES.get(m.group(3).substring(1));
            if (database == null) {
                skipped.add(name);
            } else if (database.equals("all") || database.equals("postgres")) {
                byVersion.computeIfAbsent(new BigInteger(m.group(1)), v -> new ArrayList<>())
                        .add(new PopFile(file, m.group(1), database, m.group(4) != null, m.group(5).equals("up")));
            } else {
                otherDatabases.merge(database, 1, Integer::sum);
            }
        }
        if (!otherDatabases.isEmpty()) {
            notes.add("not read, as pop runs them only on other databases: " + String.join(", ",
                    otherDatabases.entrySet().stream().map(e -> e.getValue() + " " + e.getKey() + (e.getValue() == 1 ? " file" : " files")).toList()));
        }
        if (!skipped.isEmpty()) {
            notes.add("not read, as pop does not read them either (it takes <version>_<name>[.<database>]"
                    + "[.autocommit].up.sql and .down.sql): " + Notes.some(skipped, 5));
        }
        List<VersionedFile> migrations = new ArrayList<>();
        for (Map.Entry<BigInteger, List<PopFile>> version : byVersion.entrySet()) {
            PopFile up = chosen(version.getValue(), true);
            PopFile down = chosen(version.getValue(), false);
            if (up == null) {
                notes.add("down migration without an up migration of its version, never run: "
                        + display.of(down.file()).toString().replace('\\', '/'));
                continue;
            }
            String options = up.autocommit() ? AUTOCOMMIT : "";
            migrations.add(new VersionedFile(up.version(), List.of(version.getKey()), up.file(),
                    new MigrationScript(up.file(), TextFiles.read(up.file(), display.of(up.file())), 1, options),
                    down == null ? null : script(down.file(), display)));
        }
        return LinearHistory.chain(projectDir, format(), migrations);
    }

    /** The file pop runs on PostgreSQL among a version's files of one direction, or {@code null}. */
    private static PopFile chosen(List<PopFile> files, boolean up) {
        PopFile common = null;
        for (PopFile f : files) {
            if (f.up() == up) {
                if (f.database().equals("postgres")) {
                    return f;
                }
                common = f;
            }
        }
        return common;
    }
}
