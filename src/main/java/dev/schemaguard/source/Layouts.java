package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds a project's migrations as the project lays them out: the runner's own configuration (alembic.ini, Flyway's,
 * sqitch.conf, diesel.toml), the folders projects conventionally use, the folder itself, and, when none of those
 * holds migrations, the folders below it. What it cannot place it describes, so that "no migrations" always says
 * what was there instead.
 */
final class Layouts {

    /** Where projects usually keep their migrations, in the order they are looked for. */
    static final List<String> CONVENTIONAL_DIRS = List.of("alembic/versions", "db/migrations", "migrations",
            "prisma/migrations", "src/main/resources/db/migration");
    /** How deep below the project the search goes when nothing is where projects usually keep migrations. */
    static final int SEARCH_DEPTH = 4;
    /** Folders that hold dependencies, build output or test fixtures: never a project's own history. */
    private static final Set<String> NOT_SEARCHED = Set.of("node_modules", "target", "build", "dist", "vendor", "venv",
            "__pycache__", "out", "bin", "obj", "coverage", "test", "tests", "testdata", "__tests__", "fixtures",
            "examples", "e2e");
    /** Files that say a project starts here: a runner's, or a build's (a module keeps src/main/resources). */
    private static final List<String> MARKERS = List.of("alembic.ini", SqitchReader.PLAN, SqitchReader.CONF,
            PrismaReader.LOCK, "diesel.toml", "flyway.conf", "flyway.toml", "pom.xml", "build.gradle",
            "build.gradle.kts");
    private static final Pattern UP_OR_DOWN = Pattern.compile("(?i).*\\.(up|down)\\.sql");
    private static final Pattern REVISION_ASSIGNMENT = Pattern.compile("(?m)^revision\\s*(?::[^=\\n]*)?=");
    private static final Set<String> MIGRATION_FOLDER_NAMES = Set.of("migrations", "migration", "migrate", "changelog",
            "changelogs", "liquibase");
    private static final Pattern DIESEL_DIR =
            Pattern.compile("(?s)\\[migrations_directory].*?^\\s*dir\\s*=\\s*\"([^\"]*)\"", Pattern.MULTILINE);

    private Layouts() {
    }

    /**
     * A history found.
     *
     * @param format    its format
     * @param dirs      the folders its migrations are read from, absolute
     * @param recursive whether their subfolders are read too (Alembic's recursive_version_locations)
     */
    record Found(MigrationFormat format, List<Path> dirs, boolean recursive) {

        Found(MigrationFormat format, Path dir) {
            this(format, List.of(dir.normalize()), false);
        }
    }

    /**
     * The history at {@code dir}, or below it; {@code null} when there is none.
     *
     * @param shown {@code dir} as the user named it, for messages
     */
    static Found find(Path project, Path dir, Path shown) {
        Found here = at(project, dir);
        return here != null ? here : below(project, dir, shown);
    }

    /**
     * The history a project at {@code dir} keeps: where its runner's configuration says, else in a conventional
     * folder, else in {@code dir} itself; {@code null} when there is none.
     */
    static Found at(Path project, Path dir) {
        AlembicIni.Locations alembic = AlembicIni.read(dir);
        if (alembic != null) {
            return new Found(MigrationFormat.ALEMBIC, alembic.directories(), alembic.recursive());
        }
        List<Path> flyway = FlywayLocations.read(dir);
        if (flyway != null) {
            for (Path location : flyway) {
                Found in = in(project, location);
                if (in != null) {
                    return new Found(in.format(), flyway, false);
                }
            }
            return new Found(MigrationFormat.FLYWAY, flyway, false);
        }
        if (SqitchReader.isProject(dir)) {
            return new Found(MigrationFormat.SQITCH, dir);
        }
        Path liquibase = LiquibaseReader.findMaster(dir);
        if (liquibase != null) {
            return new Found(MigrationFormat.LIQUIBASE, liquibase);
        }
        Path diesel = dieselDirectory(dir);
        if (diesel != null && Files.isDirectory(diesel)) {
            Found in = in(project, diesel);
            if (in != null) {
                return in;
            }
        }
        for (String candidate : CONVENTIONAL_DIRS) {
            Path conventional = dir.resolve(candidate);
            if (Files.isDirectory(conventional)) {
                Found in = in(project, conventional);
                if (in != null) {
                    return in;
                }
            }
        }
        return in(project, dir);
    }

    /** The migrations directory diesel.toml names ({@code [migrations_directory] dir}), else diesel's default. */
    private static Path dieselDirectory(Path dir) {
        Path toml = dir.resolve("diesel.toml");
        if (!Files.isRegularFile(toml)) {
            return null;
        }
        Matcher m = DIESEL_DIR.matcher(TextFiles.read(toml, LinearHistory.relativize(dir, toml)));
        return dir.resolve(m.find() ? m.group(1) : "migrations").normalize();
    }

    /** The history kept in exactly this folder, or {@code null}. */
    static Found in(Path project, Path dir) {
        AlembicIni.Locations alembic = AlembicIni.read(dir);
        if (alembic != null) {
            return new Found(MigrationFormat.ALEMBIC, alembic.directories(), alembic.recursive());
        }
        if (isAlembicScriptDirectory(dir)) {
            // Flask-Migrate's migrations/ (env.py, script.py.mako, versions/): the revisions are in versions/
            return new Found(MigrationFormat.ALEMBIC, AlembicIni.versions(dir.resolve("versions")));
        }
        if (SqitchReader.isProject(dir)) {
            return new Found(MigrationFormat.SQITCH, dir);
        }
        Path changelog = LiquibaseReader.master(dir);
        if (changelog != null) {
            return new Found(MigrationFormat.LIQUIBASE, changelog);
        }
        Map<MigrationFormat, List<Path>> byFormat = classify(project, dir);
        List<Path> python = byFormat.get(MigrationFormat.ALEMBIC);
        if (python != null && python.stream().noneMatch(Layouts::assignsRevision)) {
            // Python files and no revision among them: a Django app's migrations package, or a package or a
            // project's root (setup.py, conftest.py), not a versions folder
            byFormat.remove(MigrationFormat.ALEMBIC);
            if (DjangoReader.isMigrationsFolder(dir)) {
                byFormat.put(MigrationFormat.DJANGO, python);
            }
        }
        if (byFormat.isEmpty()) {
            return null;
        }
        if (byFormat.size() > 1) {
            String detail = byFormat.entrySet().stream()
                    .map(e -> e.getKey().configName() + " (" + e.getValue().size()
                            + (Files.isDirectory(e.getValue().get(0)) ? " folders" : " files") + ", e.g. "
                            + shown(project, e.getValue().get(0)) + ")")
                    .collect(Collectors.joining(", "));
            throw new InputException(LinearHistory.relativize(project, dir), "mixed migration formats in one "
                    + "directory: " + detail + "; keep one format per directory, or set migrations.format in "
                    + "schemaguard.yml");
        }
        return new Found(byFormat.keySet().iterator().next(), dir);
    }

    /** Whether a Python file assigns {@code revision} at its top level, as every Alembic revision does. */
    private static boolean assignsRevision(Path file) {
        return REVISION_ASSIGNMENT.matcher(TextFiles.read(file, file.getFileName())).find();
    }

    /** An Alembic script directory: env.py beside a versions folder. */
    private static boolean isAlembicScriptDirectory(Path dir) {
        return Files.isRegularFile(dir.resolve("env.py")) && Files.isDirectory(dir.resolve("versions"));
    }

    /** The migration files and folders of {@code dir} by the format they are written in. */
    static Map<MigrationFormat, List<Path>> classify(Path project, Path dir) {
        Map<MigrationFormat, List<Path>> byFormat = new EnumMap<>(MigrationFormat.class);
        for (Path folder : Directory.folders(dir)) {
            MigrationFormat format = PrismaReader.isMigrationFolder(folder) ? MigrationFormat.PRISMA
                    : FolderDagReader.isMigrationFolder(folder) ? MigrationFormat.FOLDER_DAG
                    : DieselReader.isMigrationFolder(folder) ? MigrationFormat.DIESEL : null;
            if (format != null) {
                byFormat.computeIfAbsent(format, f -> new ArrayList<>()).add(folder);
            }
        }
        if (Files.isRegularFile(dir.resolve(PrismaReader.LOCK))) {
            byFormat.computeIfAbsent(MigrationFormat.PRISMA, f -> new ArrayList<>()).add(dir.resolve(PrismaReader.LOCK));
        }
        for (Path file : Directory.files(dir)) {
            MigrationFormat format = formatOf(project, file);
            if (format != null) {
                byFormat.computeIfAbsent(format, f -> new ArrayList<>()).add(file);
            }
        }
        if (byFormat.isEmpty()) {
            // Flyway reads subfolders too: db/migration/postgresql/V1__init.sql is Flyway's {vendor} layout. One level
            // down tells it; deeper, a folder is more likely a whole repository than a migrations folder.
            List<Path> flyway = new ArrayList<>();
            for (Path folder : Directory.folders(dir)) {
                if (!FlywayReader.isOtherVendor(folder.getFileName().toString())) {
                    Directory.files(folder).stream()
                            .filter(f -> FlywayReader.isMigrationName(f.getFileName().toString())).forEach(flyway::add);
                }
            }
            if (!flyway.isEmpty()) {
                byFormat.put(MigrationFormat.FLYWAY, flyway);
            }
        }
        return byFormat;
    }

    private static MigrationFormat formatOf(Path project, Path file) {
        String name = file.getFileName().toString();
        if (AlembicReader.isRevisionFileName(name)) {
            return MigrationFormat.ALEMBIC;
        }
        if (GolangMigrateReader.isUp(name)) {
            return MigrationFormat.GOLANG_MIGRATE;
        }
        if (Directory.ignorable(name) || !name.endsWith(".sql")) {
            return null;
        }
        if (FlywayReader.isMigrationName(name)) {
            return MigrationFormat.FLYWAY;
        }
        if (SqlReader.DOWN.matcher(name).matches() || GolangMigrateReader.FILE.matcher(name).matches()
                || UP_OR_DOWN.matcher(name).matches()) {
            // a down file belongs to whichever numbered format its up file has, and a name golang-migrate would
            // skip (3_c.UP.sql) is no plain SQL migration either: they decide nothing
            return null;
        }
        if (SqlReader.UP.matcher(name).matches()) {
            String text = TextFiles.read(file, LinearHistory.relativize(project, file));
            return GooseReader.hasUpAnnotation(text) ? MigrationFormat.GOOSE
                    : DbmateReader.hasUpMarker(text) ? MigrationFormat.DBMATE : MigrationFormat.SQL;
        }
        return null;
    }

    /**
     * The histories below {@code dir}, looked for in folders a runner's file marks and in folders named like
     * migration folders, {@link #SEARCH_DEPTH} levels down; dependencies, build output and test fixtures left out.
     *
     * @param shown {@code dir} as the user named it, for messages
     * @return the one history found, or {@code null} when there is none
     * @throws InputException when there are several: which one the project means is the user's choice
     */
    static Found below(Path project, Path dir, Path shown) {
        List<Found> found = new ArrayList<>();
        search(project, dir, 1, MIGRATION_FOLDER_NAMES.contains(String.valueOf(dir.getFileName())), found);
        if (found.size() > 1 && found.stream().allMatch(f -> f.format() == MigrationFormat.DJANGO)) {
            // a Django project: one migrations package per app, one graph across them
            return new Found(MigrationFormat.DJANGO, found.stream().flatMap(f -> f.dirs().stream()).toList(), false);
        }
        if (found.size() <= 1) {
            return found.isEmpty() ? null : found.get(0);
        }
        String listed = found.stream().map(f -> shown(project, f.dirs().get(0)) + " (" + f.format().configName() + ")")
                .collect(Collectors.joining(", "));
        throw new InputException(shown, "several migration histories below this "
                + "folder: " + listed + "; check one at a time (name its folder), or set migrations.path in "
                + "schemaguard.yml");
    }

    /** The apps' migrations packages at or below {@code dir}: where a Django project keeps its history. */
    static List<Path> djangoApps(Path project, Path dir) {
        if (DjangoReader.isMigrationsFolder(dir)) {
            return List.of(dir);
        }
        List<Found> found = new ArrayList<>();
        search(project, dir, 1, false, found);
        return found.stream().filter(f -> f.format() == MigrationFormat.DJANGO).flatMap(f -> f.dirs().stream()).toList();
    }

    private static void search(Path project, Path dir, int depth, boolean inMigrationsFolder, List<Found> found) {
        if (depth > SEARCH_DEPTH) {
            return;
        }
        for (Path child : Directory.folders(dir)) {
            String name = child.getFileName().toString();
            if (NOT_SEARCHED.contains(name)) {
                continue;
            }
            boolean marked = MARKERS.stream().anyMatch(marker -> Files.isRegularFile(child.resolve(marker)));
            boolean named = MIGRATION_FOLDER_NAMES.contains(name);
            Found here = marked ? at(project, child) : named || inMigrationsFolder ? in(project, child) : null;
            if (here != null) {
                if (found.stream().noneMatch(f -> f.dirs().equals(here.dirs()))) {
                    found.add(here);
                }
                continue;
            }
            search(project, child, depth + 1, named, found);
        }
    }

    /** What a folder holds, in a few words: "migrations holds 3 files (README.md, a.txt, b.txt) and 1 folder (x)". */
    static String describe(Path project, Path dir) {
        List<String> files = Directory.files(dir).stream().map(f -> f.getFileName().toString())
                .filter(name -> !Directory.ignorable(name)).toList();
        List<String> folders = Directory.folders(dir).stream().map(f -> f.getFileName().toString()).toList();
        String where = shown(project, dir);
        if (files.isEmpty() && folders.isEmpty()) {
            return where + " is empty";
        }
        List<String> parts = new ArrayList<>();
        if (!files.isEmpty()) {
            parts.add(files.size() + (files.size() == 1 ? " file (" : " files (") + Notes.some(files, 3) + ")");
        }
        if (!folders.isEmpty()) {
            parts.add(folders.size() + (folders.size() == 1 ? " folder (" : " folders (") + Notes.some(folders, 3) + ")");
        }
        return where + " holds " + String.join(" and ", parts);
    }

    /** The folder as users see it, relative to the project. */
    static String shown(Path project, Path dir) {
        String relative = LinearHistory.relativize(project, dir).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }
}
