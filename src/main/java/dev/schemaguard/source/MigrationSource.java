package dev.schemaguard.source;

import dev.schemaguard.config.Config;
import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Finds a project's migrations and reads them with the right reader: the configured format, or the
 * one every migration file in the directory agrees on.
 */
public final class MigrationSource {

    /** Where projects usually keep their migrations, in the order they are looked for. */
    public static final List<String> CONVENTIONAL_DIRS =
            List.of("alembic/versions", "db/migrations", "migrations", "src/main/resources/db/migration");

    private final Map<MigrationFormat, MigrationReader> readers = new EnumMap<>(MigrationFormat.class);

    public MigrationSource() {
        for (MigrationReader reader : List.of(new SqlReader(), new FlywayReader(), new GolangMigrateReader(),
                new DbmateReader(), new AlembicReader())) {
            readers.put(reader.format(), reader);
        }
    }

    /** Reads the project's migrations as its configuration says. */
    public MigrationSet load(Path projectDir, Config.Migrations settings) {
        Path project = projectDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(project)) {
            throw new InputException(projectDir, Files.exists(project)
                    ? "not a directory: give the project directory (the one holding schemaguard.yml or the migrations)"
                    : "project directory not found");
        }
        // Without migrations.path, an alembic.ini or a Flyway configuration says where the migrations are, in one
        // folder or several.
        AlembicIni.Locations alembic = settings.path() == null ? AlembicIni.read(project) : null;
        List<Path> flyway = settings.path() == null && alembic == null ? FlywayLocations.read(project) : null;
        Path dir = alembic != null ? alembic.directories().get(0)
                : flyway != null ? flyway.get(0) : locate(project, projectDir, settings.path());
        MigrationFormat format;
        if ("auto".equals(settings.format())) {
            format = alembic != null ? MigrationFormat.ALEMBIC
                    : flyway != null ? detectFirstNonEmpty(project, flyway) : detect(project, dir);
        } else {
            format = MigrationFormat.fromConfigName(settings.format());
        }
        if (format == null) {
            throw new InputException("unknown migrations.format '" + settings.format() + "'");
        }
        if (format == MigrationFormat.ALEMBIC && alembic != null) {
            return new MigrationSet(project, dir, format,
                    new AlembicReader().read(project, alembic.directories(), alembic.recursive()));
        }
        if (format == MigrationFormat.FLYWAY && flyway != null) {
            return new MigrationSet(project, dir, format, new FlywayReader().read(project, flyway));
        }
        return new MigrationSet(project, dir, format, readers.get(format).read(project, dir));
    }

    /** @param shown the project directory as the user named it, for messages (no absolute paths they did not type) */
    private static Path locate(Path project, Path shown, String configured) {
        if (configured != null) {
            Path dir = project.resolve(configured).normalize();
            if (!Files.isDirectory(dir)) {
                throw new InputException(shown.resolve("schemaguard.yml"), "migrations.path '" + configured
                        + "' is not a directory of " + project.getFileName());
            }
            return dir;
        }
        for (String candidate : CONVENTIONAL_DIRS) {
            Path dir = project.resolve(candidate);
            if (Files.isDirectory(dir)) {
                return dir;
            }
        }
        // A directory that holds migration files itself is its own migrations directory.
        if (!classify(project, project).isEmpty()) {
            return project;
        }
        throw new InputException(shown, "no migrations found: looked in " + String.join(", ", CONVENTIONAL_DIRS)
                + " and the directory itself; set migrations.path in schemaguard.yml");
    }

    /** The format of the first of the Flyway configuration's folders that holds migrations; Flyway's if none does. */
    private MigrationFormat detectFirstNonEmpty(Path project, List<Path> locations) {
        for (Path location : locations) {
            if (!classify(project, location).isEmpty()) {
                return detect(project, location);
            }
        }
        return MigrationFormat.FLYWAY;
    }

    /** The single format the files of {@code dir} are written in. */
    MigrationFormat detect(Path project, Path dir) {
        Map<MigrationFormat, List<Path>> byFormat = classify(project, dir);
        if (byFormat.isEmpty()) {
            // An empty migrations directory is a project with no migrations yet, not an error.
            return MigrationFormat.SQL;
        }
        if (byFormat.size() > 1) {
            String detail = byFormat.entrySet().stream()
                    .map(e -> e.getKey().configName() + " (" + e.getValue().size() + " files, e.g. "
                            + LinearHistory.relativize(project, e.getValue().get(0)).toString().replace('\\', '/') + ")")
                    .collect(Collectors.joining(", "));
            throw new InputException(LinearHistory.relativize(project, dir), "mixed migration formats in one "
                    + "directory: " + detail + "; keep one format per directory, or set migrations.format in "
                    + "schemaguard.yml");
        }
        return byFormat.keySet().iterator().next();
    }

    private static Map<MigrationFormat, List<Path>> classify(Path project, Path dir) {
        Map<MigrationFormat, List<Path>> byFormat = new EnumMap<>(MigrationFormat.class);
        for (Path file : Directory.files(dir)) {
            MigrationFormat format = formatOf(project, file);
            if (format != null) {
                byFormat.computeIfAbsent(format, f -> new ArrayList<>()).add(file);
            }
        }
        return byFormat;
    }

    private static MigrationFormat formatOf(Path project, Path file) {
        String name = file.getFileName().toString();
        if (Directory.ignorable(name)) {
            return null;
        }
        if (AlembicReader.isRevisionFileName(name)) {
            return MigrationFormat.ALEMBIC;
        }
        if (!name.endsWith(".sql")) {
            return null;
        }
        if (FlywayReader.VERSIONED.matcher(name).matches() || FlywayReader.REPEATABLE.matcher(name).matches()) {
            return MigrationFormat.FLYWAY;
        }
        if (GolangMigrateReader.FILE.matcher(name).matches() && name.endsWith(".up.sql")) {
            return MigrationFormat.GOLANG_MIGRATE;
        }
        if (SqlReader.DOWN.matcher(name).matches()) {
            // A .down.sql belongs to whichever numbered format its up file has; it decides nothing.
            return null;
        }
        if (SqlReader.UP.matcher(name).matches()) {
            String text = TextFiles.read(file, LinearHistory.relativize(project, file));
            return DbmateReader.hasUpMarker(text) ? MigrationFormat.DBMATE : MigrationFormat.SQL;
        }
        return null;
    }

    /**
     * Reads individual SQL files as a linear history in the order given, for linting files that
     * belong to no project. Each file's id is its name without {@code .sql}.
     *
     * @param baseDir the directory file names are shown relative to
     */
    public MigrationSet loadFiles(Path baseDir, List<Path> files) {
        Path base = baseDir.toAbsolutePath().normalize();
        List<Migration> migrations = new ArrayList<>();
        for (Path file : files) {
            Path absolute = file.toAbsolutePath().normalize();
            Path display = LinearHistory.relativize(base, absolute);
            if (!Files.isRegularFile(absolute)) {
                throw new InputException(display, Files.exists(absolute) ? "not a file" : "file not found");
            }
            String name = absolute.getFileName().toString();
            if (!name.endsWith(".sql")) {
                throw new InputException(display, "not an .sql file: lint takes a project directory or .sql files");
            }
            String id = name.substring(0, name.length() - ".sql".length());
            List<String> parents = migrations.isEmpty() ? List.of() : List.of(migrations.get(migrations.size() - 1).id());
            migrations.add(new Migration(id, parents, List.of(), List.of(), display, 1, 1, MigrationFormat.SQL,
                    new MigrationScript(absolute, TextFiles.read(absolute, display), 1), java.util.Optional.empty(),
                    migrations.size()));
        }
        return new MigrationSet(base, base, MigrationFormat.SQL, migrations);
    }
}
