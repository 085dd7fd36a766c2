package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flyway SQL migrations, found anywhere below the directory as Flyway scans them:
 * {@code V<version>__name.sql} (versioned), {@code U<version>__name.sql} (undo, the down migration of
 * the same version), {@code B<version>__name.sql} (baseline: Flyway 9+ applies the latest one to a new database
 * instead of the versions up to it) and {@code R__name.sql} (repeatable, applied after every versioned migration in
 * the order of their names). Versions are compared as Flyway compares them: {@code 1}, {@code 01} and {@code 1.0}
 * are one version. A {@code db/migration/{vendor}} folder of another database than PostgreSQL is not read, and
 * {@code ${placeholders}} are replaced with their values from the project's Flyway configuration, as Flyway does.
 */
public final class FlywayReader implements MigrationReader {

    static final Pattern VERSIONED = Pattern.compile("([VUB])(\\d+(?:[._]\\d+)*)__(.+)\\.sql");
    static final Pattern REPEATABLE = Pattern.compile("R__(.+)\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}\\s]+)}");

    /** Folder names of {@code db/migration/{vendor}} layouts for other databases: Flyway would not run them here. */
    private static final Set<String> OTHER_VENDORS = Set.of("mysql", "mariadb", "h2", "hsqldb", "derby", "oracle",
            "sqlserver", "sql_server", "mssql", "db2", "sqlite", "sybase", "sybasease", "informix", "firebird",
            "saphana", "hana", "snowflake", "redshift", "cockroachdb", "yugabytedb", "bigquery", "clickhouse",
            "spanner", "tidb", "singlestore", "ignite", "teradata", "synapse", "databricks", "mongodb", "oceanbase");

    /** Whether a file name is one Flyway reads as a migration. */
    static boolean isMigrationName(String name) {
        return VERSIONED.matcher(name).matches() || REPEATABLE.matcher(name).matches();
    }

    /** Whether a folder holds migrations of another database than PostgreSQL ({@code db/migration/MYSQL}). */
    static boolean isOtherVendor(String folderName) {
        return OTHER_VENDORS.contains(folderName.toLowerCase(Locale.ROOT));
    }

    @Override
    public MigrationFormat format() {
        return MigrationFormat.FLYWAY;
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        return read(projectDir, List.of(migrationsDir), notes);
    }

    /** The files Flyway finds in the locations, other databases' vendor folders left out (and said to be). */
    private static List<Path> files(Path projectDir, List<Path> locations, Notes notes) {
        List<Path> found = new ArrayList<>();
        List<String> otherVendors = new ArrayList<>();
        for (Path location : locations) {
            found.addAll(Directory.files(location));
            for (Path folder : Directory.folders(location)) {
                if (isOtherVendor(folder.getFileName().toString())) {
                    otherVendors.add(LinearHistory.relativize(projectDir, folder).toString().replace('\\', '/'));
                } else {
                    found.addAll(Directory.filesRecursively(folder));
                }
            }
        }
        if (!otherVendors.isEmpty()) {
            notes.add("not read: " + String.join(", ", otherVendors) + ", migrations for other databases than "
                    + "PostgreSQL ({vendor} folders)");
        }
        return found;
    }

    /** Reads every location as one history, as Flyway does: a version may sit in any of them. */
    List<Migration> read(Path projectDir, List<Path> locations, Notes notes) {
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        List<Path> versioned = new ArrayList<>();
        List<Path> baselines = new ArrayList<>();
        Map<List<BigInteger>, Path> undo = new HashMap<>();
        List<Path> repeatable = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Path file : files(projectDir, locations, notes)) {
            String name = file.getFileName().toString();
            if (Directory.ignorable(name) || !name.endsWith(".sql")) {
                continue;
            }
            Matcher m = VERSIONED.matcher(name);
            if (m.matches()) {
                switch (m.group(1)) {
                    case "U" -> undo.put(normalized(LinearHistory.parseVersion(m.group(2))), file);
                    case "B" -> baselines.add(file);
                    default -> versioned.add(file);
                }
            } else if (REPEATABLE.matcher(name).matches()) {
                repeatable.add(file);
            } else {
                ignored.add(display.of(file).toString().replace('\\', '/'));
            }
        }
        if (!ignored.isEmpty()) {
            notes.add("not read, as Flyway does not read them either (a migration is named V<version>__<description>.sql, "
                    + "U, B or R__<description>.sql: note the two underscores): " + Notes.some(ignored, 5));
        }
        Placeholders placeholders = new Placeholders(FlywayLocations.placeholders(projectDir));
        Path baseline = latest(baselines);
        List<BigInteger> baselineKey = baseline == null ? null : key(baseline);
        List<String> superseded = new ArrayList<>();
        List<VersionedFile> files = new ArrayList<>();
        for (Path file : baselines) {
            if (LinearHistory.compareVersions(key(file), baselineKey) < 0) {
                superseded.add(file.getFileName().toString());
            } else {
                // several baselines of the latest version are duplicates, as they are for Flyway
                files.add(new VersionedFile(id(file), key(file), file, script(file, display, placeholders), null));
            }
        }
        for (Path file : versioned) {
            List<BigInteger> key = key(file);
            Path undoFile = undo.remove(normalized(key));
            if (baselineKey != null && LinearHistory.compareVersions(key, baselineKey) <= 0) {
                superseded.add(file.getFileName().toString());
                continue;
            }
            files.add(new VersionedFile(id(file), key, file, script(file, display, placeholders),
                    undoFile == null ? null : script(undoFile, display, placeholders)));
        }
        if (!superseded.isEmpty()) {
            superseded.sort(Comparator.naturalOrder());
            notes.add("not in the history a new database gets: " + Notes.some(superseded, 5) + " (Flyway applies the "
                    + "latest baseline migration, " + baseline.getFileName() + ", then only the versions above it)");
        }
        if (!undo.isEmpty()) {
            Path orphan = undo.values().stream().sorted().findFirst().orElseThrow();
            throw new InputException(display.of(orphan), "undo migration without a versioned migration of the same "
                    + "version");
        }
        List<Migration> migrations = new ArrayList<>(LinearHistory.chain(projectDir, format(), files));
        repeatable.sort(Comparator.comparing(a -> a.getFileName().toString()));
        String previous = migrations.isEmpty() ? null : migrations.get(migrations.size() - 1).id();
        for (Path file : repeatable) {
            String id = file.getFileName().toString().replaceFirst("\\.sql$", "");
            migrations.add(new Migration(id, previous == null ? List.of() : List.of(previous), List.of(), List.of(),
                    display.of(file), 1, 1, format(), script(file, display, placeholders), Optional.empty(),
                    migrations.size()));
            previous = id;
        }
        placeholders.note(notes);
        return migrations;
    }

    private static String id(Path file) {
        Matcher m = VERSIONED.matcher(file.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalStateException("matched before: " + file);
        }
        return m.group(2).replace('_', '.');
    }

    private static List<BigInteger> key(Path file) {
        return LinearHistory.parseVersion(id(file));
    }

    private static Path latest(List<Path> baselines) {
        return baselines.stream().max((a, b) -> LinearHistory.compareVersions(key(a), key(b))).orElse(null);
    }

    private static MigrationScript script(Path file, LinearHistory.DisplayPaths display, Placeholders placeholders) {
        Path shown = display.of(file);
        return new MigrationScript(file, placeholders.replace(TextFiles.read(file, shown), shown), 1);
    }

    /** Flyway treats 1, 1.0 and 01 as one version. */
    private static List<BigInteger> normalized(List<BigInteger> key) {
        List<BigInteger> copy = new ArrayList<>(key);
        while (copy.size() > 1 && copy.get(copy.size() - 1).signum() == 0) {
            copy.remove(copy.size() - 1);
        }
        return copy;
    }

    /**
     * Flyway's {@code ${name}} placeholders, replaced as Flyway replaces them before it runs a script: with the values
     * the project's Flyway configuration gives, or Flyway's own ({@code flyway:defaultSchema}, ...). One without a
     * value stops Flyway unless it is given where SchemaGuard does not look (the environment, the command line); it
     * is read as its bare name, and said once.
     */
    private static final class Placeholders {
        private final Map<String, String> values;
        private final Map<String, Set<String>> unknown = new TreeMap<>();

        Placeholders(Map<String, String> configured) {
            values = new HashMap<>(configured);
            values.putIfAbsent("flyway:defaultSchema", "public");
            values.putIfAbsent("flyway:table", "flyway_schema_history");
            values.putIfAbsent("flyway:environment", "default");
            values.putIfAbsent("flyway:timestamp", "2000-01-01 00:00:00");
        }

        synchronized String replace(String text, Path shown) {
            if (text.indexOf("${") < 0) {
                return text;
            }
            Matcher m = PLACEHOLDER.matcher(text);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value = name.equals("flyway:filename") ? shown.getFileName().toString() : values.get(name);
                if (value == null) {
                    unknown.computeIfAbsent(name, n -> new TreeSet<>()).add(shown.toString().replace('\\', '/'));
                    value = name.substring(name.indexOf(':') + 1);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        void note(Notes notes) {
            for (Map.Entry<String, Set<String>> e : unknown.entrySet()) {
                List<String> files = new ArrayList<>(e.getValue());
                notes.add("Flyway placeholder ${" + e.getKey() + "} has no value in the project's Flyway "
                        + "configuration (used in " + Notes.some(files, 3) + "): Flyway stops on it unless it is "
                        + "given elsewhere (environment, command line); read here as '"
                        + e.getKey().substring(e.getKey().indexOf(':') + 1) + "'");
            }
        }
    }
}
