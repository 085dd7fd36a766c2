package dev.schemaguard.source;

import dev.schemaguard.config.Config;
import dev.schemaguard.io.InputException;
import dev.schemaguard.io.Repository;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds a project's migrations and reads them with the right reader: the configured format, or the one the
 * project's layout shows ({@link Layouts}). Finding none is an error that says what was there instead, unless the
 * project says it has none yet ({@code migrations.allow_empty}): a gate that checked nothing must not pass.
 */
public final class MigrationSource {

    /** Where projects usually keep their migrations, in the order they are looked for. */
    public static final List<String> CONVENTIONAL_DIRS = Layouts.CONVENTIONAL_DIRS;

    /**
     * The reader of a format, made when a project in that format is read: a lint of files reads with none, and
     * making them all (their patterns compiled as their classes load) cost its start-up.
     */
    private static MigrationReader reader(MigrationFormat format) {
        return switch (format) {
            case SQL -> new SqlReader();
            case FLYWAY -> new FlywayReader();
            case GOLANG_MIGRATE -> new GolangMigrateReader();
            case DBMATE -> new DbmateReader();
            case GOOSE -> new GooseReader();
            case DIESEL -> new DieselReader();
            case PRISMA -> new PrismaReader();
            case FOLDER_DAG -> new FolderDagReader();
            case SQITCH -> new SqitchReader();
            case ALEMBIC -> new AlembicReader();
            case DJANGO -> new DjangoReader();
            case LIQUIBASE -> new LiquibaseReader();
        };
    }

    /** Reads the project's migrations as its configuration says, looking for them from the project directory. */
    public MigrationSet load(Path projectDir, Config.Migrations settings) {
        return load(projectDir, projectDir, settings);
    }

    /**
     * Reads the project's migrations as its configuration says.
     *
     * @param projectDir the project: the folder of its configuration, which files are shown relative to
     * @param start      where the user pointed (the project, or a folder in it): without {@code migrations.path},
     *                   migrations are looked for there first, then from the project
     */
    public MigrationSet load(Path projectDir, Path start, Config.Migrations settings) {
        Path project = projectDir.toAbsolutePath().normalize();
        Path from = start.toAbsolutePath().normalize();
        for (Path dir : List.of(project, from)) {
            if (!Files.isDirectory(dir)) {
                Path shown = dir.equals(project) ? projectDir : start;
                throw new InputException(shown, Files.exists(dir)
                        ? "not a directory: give the project directory (the one holding schemaguard.yml or the migrations)"
                        : "project directory not found");
            }
        }
        MigrationFormat configured = null;
        if (!"auto".equals(settings.format())) {
            configured = MigrationFormat.fromConfigName(settings.format());
            if (configured == null) {
                throw new InputException("unknown migrations.format '" + settings.format() + "'");
            }
        }
        Layouts.Found found;
        if (settings.path() != null) {
            Path dir = project.resolve(settings.path()).normalize();
            boolean changelog = Files.isRegularFile(dir) && (configured == null || configured == MigrationFormat.LIQUIBASE)
                    && LiquibaseReader.isChangelog(dir);
            if (changelog) {
                // a Liquibase project names its master changelog, not a folder
                configured = MigrationFormat.LIQUIBASE;
            } else if (!Files.isDirectory(dir)) {
                throw new InputException(projectDir.resolve("schemaguard.yml"), "migrations.path '" + settings.path()
                        + "' is not a directory of " + project.getFileName());
            }
            found = configured != null ? new Layouts.Found(configured, dir) : Layouts.in(project, dir);
            if (found == null) {
                found = new Layouts.Found(MigrationFormat.SQL, dir);
            }
        } else {
            found = Layouts.find(project, from, start);
            if (found == null && !from.equals(project)) {
                found = Layouts.find(project, project, projectDir);
            }
            if (found == null && settings.allowEmpty()) {
                found = new Layouts.Found(configured != null ? configured : MigrationFormat.SQL, CONVENTIONAL_DIRS.stream()
                        .map(from::resolve).filter(Files::isDirectory).findFirst().orElse(from));
            }
            if (found == null) {
                throw new InputException(start, "no migrations found: looked in " + String.join(", ",
                        CONVENTIONAL_DIRS) + ", the directory itself and the folders below it ("
                        + Layouts.SEARCH_DEPTH + " levels)" + seen(project, from) + aboveHint(from)
                        + "; set migrations.path in schemaguard.yml");
            }
            if (configured != null) {
                found = new Layouts.Found(configured, found.dirs(), found.recursive());
            }
        }
        Notes notes = new Notes();
        List<Migration> migrations = read(project, found, notes);
        MigrationSet set = MigrationSet.of(project, found.dirs(), found.format(), migrations, notes.list());
        if (migrations.isEmpty() && !settings.allowEmpty()) {
            throw new InputException(LinearHistory.relativize(project, found.dirs().get(0)), "no migration read "
                    + "(format " + found.format().configName() + ")" + looksLike(project, found)
                    + (notes.list().isEmpty() ? "" : "; " + String.join("; ", notes.list()))
                    + "; a check of nothing would pass: if the project has no migrations yet, say so with "
                    + "migrations.allow_empty: true in schemaguard.yml");
        }
        return set;
    }

    private List<Migration> read(Path project, Layouts.Found found, Notes notes) {
        if (found.format() == MigrationFormat.ALEMBIC) {
            for (Path dir : found.dirs()) {
                otherDatabases(project, dir, notes);
            }
            return new AlembicReader().read(project, found.dirs(), found.recursive());
        }
        if (found.format() == MigrationFormat.DJANGO) {
            List<Path> apps = new ArrayList<>();
            for (Path dir : found.dirs()) {
                apps.addAll(Layouts.djangoApps(project, dir));
            }
            return new DjangoReader().read(project, apps, notes);
        }
        if (found.format() == MigrationFormat.FLYWAY) {
            return new FlywayReader().read(project, found.dirs(), notes);
        }
        List<Migration> migrations = new ArrayList<>();
        for (Path dir : found.dirs()) {
            migrations.addAll(reader(found.format()).read(project, dir, notes));
        }
        return migrations;
    }

    /** The sibling folders of a versions/postgresql folder chosen by {@link AlembicIni#versions}: other databases'. */
    private static void otherDatabases(Path project, Path dir, Notes notes) {
        Path parent = dir.getParent();
        if (parent == null || !String.valueOf(parent.getFileName()).equals("versions")
                || !AlembicIni.versions(parent).equals(dir)) {
            return;
        }
        List<String> others = Directory.folders(parent).stream().filter(folder -> !folder.equals(dir))
                .map(folder -> LinearHistory.relativize(project, folder).toString().replace('\\', '/')).toList();
        if (!others.isEmpty()) {
            notes.add("not read: " + String.join(", ", others) + ", revisions for other databases than PostgreSQL "
                    + "(one versions folder per database)");
        }
    }

    /** What the folder holds when it was read as one format and gave nothing: it may be another's. */
    private static String looksLike(Path project, Layouts.Found found) {
        Path dir = found.dirs().get(0);
        String holds = Layouts.describe(project, dir);
        Layouts.Found other = found.format() == MigrationFormat.ALEMBIC ? null : safeIn(project, dir);
        if (other != null && other.format() != found.format()) {
            return ": " + holds + ", which looks like " + other.format().configName() + " migrations; set "
                    + "migrations.format: " + other.format().configName() + " in schemaguard.yml";
        }
        return ": " + holds;
    }

    private static Layouts.Found safeIn(Path project, Path dir) {
        try {
            return Layouts.in(project, dir);
        } catch (InputException mixed) {
            return null;
        }
    }

    /** What the conventional folders that exist hold, for a project in which no history was found. */
    private static String seen(Path project, Path dir) {
        List<String> seen = new ArrayList<>();
        for (String candidate : CONVENTIONAL_DIRS) {
            Path conventional = dir.resolve(candidate);
            if (Files.isDirectory(conventional)) {
                String holds = Layouts.describe(project, conventional);
                seen.add(holds.endsWith(" is empty") ? holds : holds + ", none a migration");
            }
        }
        return seen.isEmpty() ? "" : "; " + String.join("; ", seen);
    }

    /** The nearest folder above {@code dir}, up to the repository root, that holds a history: run there instead. */
    private static String aboveHint(Path dir) {
        Path root = Repository.root(dir);
        if (root == null || root.equals(dir)) {
            return "";
        }
        for (Path above = dir.getParent(); above != null && above.startsWith(root); above = above.getParent()) {
            Layouts.Found found;
            try {
                found = Layouts.at(above, above);
            } catch (InputException e) {
                found = null;
            }
            if (found != null) {
                String relative = dir.relativize(above).toString().replace('\\', '/');
                return "; the folder above, " + relative + ", holds " + found.format().configName() + " migrations ("
                        + Layouts.shown(above, found.dirs().get(0)) + "): run SchemaGuard there";
            }
        }
        return "";
    }

    /**
     * Reads individual SQL files as a linear history in the order given, for linting files that belong to no
     * project. Each file's id is its name without {@code .sql}; where names repeat ({@code a/up.sql},
     * {@code b/up.sql}), its path from {@code baseDir} without {@code .sql}, so that no file hides another.
     *
     * @param baseDir the directory file names are shown relative to
     */
    public MigrationSet loadFiles(Path baseDir, List<Path> files) {
        Path base = baseDir.toAbsolutePath().normalize();
        List<Path> absolute = new ArrayList<>();
        List<Path> shown = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (Path file : files) {
            Path path = file.toAbsolutePath().normalize();
            Path display = LinearHistory.relativize(base, path);
            if (!Files.isRegularFile(path)) {
                throw new InputException(display, Files.exists(path) ? "not a file" : "file not found");
            }
            String name = path.getFileName().toString();
            if (!name.endsWith(".sql")) {
                throw new InputException(display, "not an .sql file: lint takes a project directory or .sql files");
            }
            absolute.add(path);
            shown.add(display);
            names.merge(name, 1, Integer::sum);
        }
        List<Migration> migrations = new ArrayList<>();
        for (int i = 0; i < absolute.size(); i++) {
            Path path = absolute.get(i);
            String name = path.getFileName().toString();
            String idSource = names.get(name) > 1 ? shown.get(i).toString().replace('\\', '/') : name;
            String id = idSource.substring(0, idSource.length() - ".sql".length());
            List<String> parents = migrations.isEmpty() ? List.of() : List.of(migrations.get(migrations.size() - 1).id());
            migrations.add(new Migration(id, parents, List.of(), List.of(), shown.get(i), 1, 1, MigrationFormat.SQL,
                    new MigrationScript(path, TextFiles.read(path, shown.get(i)), 1), Optional.empty(),
                    migrations.size()));
        }
        return new MigrationSet(base, base, MigrationFormat.SQL, migrations);
    }
}
