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
 * @param roots     the search path: Spring Boot's class path root when the changelog is a resource, else the
 *                  project, as the command line's default search path
 * @param changelog the master's path relative to the first root, as Liquibase names it
 */
public record LiquibaseChangelog(List<Path> roots, String changelog) {

    /** The changelog of a project whose migrations were read from {@code migrationsDir}. */
    public static LiquibaseChangelog of(Path projectDir, Path migrationsDir) {
        Path project = projectDir.toAbsolutePath().normalize();
        Path master = LiquibaseReader.masterOf(migrationsDir.toAbsolutePath().normalize());
        if (master == null) {
            throw new InputException(migrationsDir, "no master changelog found for Liquibase to run");
        }
        Path resources = project.resolve("src/main/resources");
        Path root = master.startsWith(resources) ? resources : master.startsWith(project) ? project : master.getParent();
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
     * @throws InputException when Liquibase cannot read the changelog
     */
    public Map<String, Comparison> compare(Map<String, String> stored) {
        Map<String, Comparison> out = new LinkedHashMap<>();
        DatabaseChangeLog log = parse();
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

    /** The changelog parsed by Liquibase for PostgreSQL, without a connection and without its log output. */
    private DatabaseChangeLog parse() {
        ResourceAccessor resources = resources();
        try {
            return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources,
                    Scope.Attr.logService.name(), new NoOpLogService()), () -> ChangeLogParserFactory.getInstance()
                    .getParser(changelog, resources)
                    .parse(changelog, new ChangeLogParameters(new PostgresDatabase()), resources));
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines()
                    .findFirst().orElse("");
            throw new InputException("Liquibase cannot read the changelog " + changelog + ": " + message);
        }
    }
}
