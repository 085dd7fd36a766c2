package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.change.CheckSum;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.core.PostgresDatabase;
import liquibase.logging.core.NoOpLogService;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.CompositeResourceAccessor;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's master changelog as Liquibase itself opens it: where Liquibase looks for it (the search path whose
 * relative paths it records in DATABASECHANGELOG), and, parsed by the liquibase-core SchemaGuard carries, its
 * changesets' checksums, which only Liquibase's own serialisation of each change type gives exactly.
 *
 * @param roots     the search path: the class path root ({@code src/main/resources} of the project or of one
 *                  of its modules) when the changelog is a resource, else the project, as the command line's
 *                  default search path
 * @param changelog the master's path relative to the first root, as Liquibase names it
 */
public record LiquibaseChangelog(List<Path> roots, String changelog) {

    private static final Path RESOURCES = Path.of("src", "main", "resources");

    /** The changelog of a project whose migrations were read from {@code migrationsDir}. */
    public static LiquibaseChangelog of(Path projectDir, Path migrationsDir) {
        Path project = projectDir.toAbsolutePath().normalize();
        Path master = LiquibaseReader.masterOf(migrationsDir.toAbsolutePath().normalize());
        if (master == null) {
            throw new InputException(migrationsDir, "no master changelog found for Liquibase to run");
        }
        Path root = master.startsWith(project) ? project : master.getParent();
        for (Path dir = master.getParent(); dir != null && dir.startsWith(project); dir = dir.getParent()) {
            if (dir.endsWith(RESOURCES)) {
                root = dir; // a module's class path root: src/main/resources of the project or of a module in it
                break;
            }
        }
        List<Path> roots = new ArrayList<>(List.of(root));
        if (!root.equals(project) && master.startsWith(project)) {
            roots.add(project);
        }
        return new LiquibaseChangelog(roots, root.relativize(master).toString().replace('\\', '/'));
    }

    /**
     * A changeset stored as applied, compared with the changelog now.
     *
     * @param stored the MD5SUM in DATABASECHANGELOG
     * @param now    the changeset's checksum now, of the stored one's version ("9:..."), as Liquibase computes it
     * @param valid  whether Liquibase accepts the stored one: equal, or listed in {@code validCheckSum}
     * @param reruns whether the changeset says {@code runOnChange} (or {@code runAlways}): a change makes it run
     *               again instead of failing validation
     */
    public record Comparison(String stored, String now, boolean valid, boolean reruns) {
    }

    /**
     * Compares the stored checksums, by changeset ({@code author:id:file}), with the changesets of the changelog;
     * a changeset Liquibase does not find, or a row without a checksum (cleared, as {@code clear-checksums} leaves it),
     * is left out.
     *
     * @param classes the project's compiled classes, where its {@code customChange} classes are
     * @throws InputException when Liquibase cannot read the changelog
     */
    public Map<String, Comparison> compare(Map<String, String> stored, List<Path> classes) {
        Map<String, Comparison> out = new LinkedHashMap<>();
        DatabaseChangeLog log;
        try (URLClassLoader loader = new URLClassLoader(urls(classes), LiquibaseChangelog.class.getClassLoader())) {
            log = parse(loader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        stored.forEach((rev, md5sum) -> {
            ChangeSet changeSet = find(log, rev);
            if (changeSet != null && md5sum != null && !md5sum.isBlank()) {
                CheckSum sum = CheckSum.parse(md5sum);
                ChecksumVersion version = ChecksumVersion.enumFromChecksumVersion(sum.getVersion());
                CheckSum now = changeSet.generateCheckSum(version == null ? ChecksumVersion.latest() : version);
                out.put(rev, new Comparison(md5sum, now.toString(), changeSet.isCheckSumValid(sum),
                        changeSet.shouldRunOnChange() || changeSet.shouldAlwaysRun()));
            }
        });
        return out;
    }

    /** The resources the search path holds, as Liquibase reads them. */
    public ResourceAccessor resources() {
        List<ResourceAccessor> accessors = new ArrayList<>();
        for (Path root : roots) {
            try {
                accessors.add(new DirectoryResourceAccessor(root));
            } catch (FileNotFoundException e) {
                throw new InputException(root, "Liquibase's search path folder does not exist");
            }
        }
        return new CompositeResourceAccessor(accessors);
    }

    /**
     * The changeset {@code author:id:file} of a changelog Liquibase parsed: its author and id, in the changelog whose
     * path (as Liquibase names it) {@code file} ends with; {@code null} when there is none.
     */
    public static ChangeSet find(DatabaseChangeLog log, String rev) {
        int first = rev.indexOf(':');
        int second = rev.indexOf(':', first + 1);
        String author = rev.substring(0, first);
        String id = rev.substring(first + 1, second);
        String file = rev.substring(second + 1);
        for (ChangeSet changeSet : log.getChangeSets()) {
            String path = changeSet.getFilePath().replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
            if (changeSet.getId().equals(id) && changeSet.getAuthor().equals(author)
                    && (file.equals(path) || file.endsWith("/" + path))) {
                return changeSet;
            }
        }
        return null;
    }

    /**
     * Why Liquibase cannot read the changelog, in a sentence the user can act on; {@code null} when it can. The
     * classes a {@code customChange} names are the project's own code: they are looked for in {@code classes}.
     */
    public String problem(List<Path> classes) {
        try (URLClassLoader loader = new URLClassLoader(urls(classes), LiquibaseChangelog.class.getClassLoader())) {
            parse(loader);
            return null;
        } catch (InputException e) {
            return e.getMessage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The project's compiled classes, where a build puts them ({@code target/classes}, Gradle's
     * {@code build/classes/java/main}), in the project and its modules: the code a {@code customChange} runs.
     */
    public static List<Path> compiledClasses(Path projectDir) {
        List<Path> out = new ArrayList<>();
        compiledClasses(projectDir.toAbsolutePath().normalize(), 0, out);
        return out;
    }

    private static void compiledClasses(Path dir, int depth, List<Path> out) {
        for (String build : List.of("target/classes", "build/classes/java/main", "build/classes/kotlin/main")) {
            if (Files.isDirectory(dir.resolve(build))) {
                out.add(dir.resolve(build));
            }
        }
        if (depth < 3) {
            for (Path child : Directory.folders(dir)) {
                String name = child.getFileName().toString();
                if (!name.startsWith(".") && !List.of("node_modules", "target", "build", "src").contains(name)) {
                    compiledClasses(child, depth + 1, out);
                }
            }
        }
    }

    private static URL[] urls(List<Path> classes) {
        return classes.stream().map(p -> {
            try {
                return p.toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }).toArray(URL[]::new);
    }

    /** The changelog parsed by Liquibase for PostgreSQL, without a connection and without its log output. */
    private DatabaseChangeLog parse(ClassLoader classes) {
        ResourceAccessor resources = resources();
        try {
            return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources,
                    Scope.Attr.logService.name(), new NoOpLogService(), Scope.Attr.classLoader.name(), classes),
                    () -> ChangeLogParserFactory.getInstance().getParser(changelog, resources)
                            .parse(changelog, new ChangeLogParameters(new PostgresDatabase()), resources));
        } catch (Exception e) {
            String message = "";
            String customClass = null;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof ClassNotFoundException) {
                    customClass = t.getMessage();
                }
                if (t.getMessage() != null && message.isEmpty()) {
                    message = t.getMessage().lines().findFirst().orElse("");
                }
            }
            if (customClass != null) {
                throw new InputException("Liquibase cannot read the changelog " + changelog + ": its customChange "
                        + "class " + customClass + " is the project's own code, not compiled here (no target/classes "
                        + "or build/classes holds it); build the project first");
            }
            throw new InputException("Liquibase cannot read the changelog " + changelog + ": "
                    + (message.isEmpty() ? e.getClass().getSimpleName() : message));
        }
    }
}
