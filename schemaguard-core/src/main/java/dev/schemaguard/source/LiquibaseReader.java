package dev.schemaguard.source;

import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;
import dev.schemaguard.source.LiquibaseTree.Node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Liquibase changelogs in XML, YAML, JSON and formatted SQL, read from the master changelog in the order Liquibase
 * runs them: each {@code include} where it stands, each {@code includeAll} folder's changelogs sorted by path. Every
 * changeset is a migration, {@code author:id:file}, its parent the changeset before it; its changes are the SQL
 * Liquibase generates for PostgreSQL ({@link LiquibaseChanges}), placed at their lines in the changelog; its
 * {@code rollback}, or the rollback Liquibase derives, is its down. Changesets for other databases ({@code dbms}) are
 * left out, as Liquibase leaves them out on PostgreSQL; contexts and labels all run, as they do when the deploy names
 * none; preconditions are noted, as they decide at run time.
 */
public final class LiquibaseReader implements MigrationReader {

    /** The option of a changeset that says {@code runInTransaction: false}. */
    public static final String NO_TRANSACTION = "runInTransaction:false";
    /** The marker comment of a change not turned into SQL. */
    public static final String UNREAD = LiquibaseChanges.UNREAD;

    private static final List<String> EXTENSIONS = List.of(".xml", ".yaml", ".yml", ".json", ".sql");
    private static final Pattern FORMATTED = Pattern.compile("(?i)^\\s*--\\s*liquibase\\s+formatted\\s+sql");
    private static final Pattern CHANGESET = Pattern.compile("(?i)^\\s*--\\s*changeset\\s+(\"[^\"]*\"|[^:\\s]+):(\\S+)(.*)$");
    private static final Pattern ROLLBACK = Pattern.compile("(?i)^\\s*--\\s*rollback\\s?(.*)$");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+):(\"[^\"]*\"|\\S+)");
    private static final Pattern INCLUDE = Pattern.compile("(?i)\\binclude(All)?\\b");
    private static final Pattern PRECONDITION = Pattern.compile("(?i)^\\s*--\\s*precondition");

    @Override
    public MigrationFormat format() {
        return MigrationFormat.LIQUIBASE;
    }

    /** Whether a file is a changelog: a changelog extension, and a databaseChangeLog or the formatted SQL header. */
    static boolean isChangelog(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (EXTENSIONS.stream().noneMatch(name::endsWith) || Directory.ignorable(name)) {
            return false;
        }
        if (name.endsWith(".sql")) {
            // the header is the first line: the start of the file tells, without reading a large script whole
            try (java.io.Reader reader = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
                char[] head = new char[200];
                int n = reader.read(head);
                String start = n <= 0 ? "" : new String(head, 0, n).strip();
                return FORMATTED.matcher(start).find() && start.toLowerCase(Locale.ROOT).replace(" ", "")
                        .startsWith("--liquibaseformattedsql");
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return TextFiles.read(file, file.getFileName()).contains("databaseChangeLog");
    }

    /**
     * The master changelog of a folder: the one named like a master ({@code db.changelog-master.yaml},
     * {@code master.xml}), else its only changelog; {@code null} when there is none.
     */
    static Path master(Path dir) {
        List<Path> changelogs = Directory.files(dir).stream().filter(LiquibaseReader::isChangelog).toList();
        return changelogs.stream().filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).contains("master"))
                .findFirst().orElse(changelogs.size() == 1 ? changelogs.get(0) : changelogs.stream()
                        .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("db.changelog")
                                || f.getFileName().toString().toLowerCase(Locale.ROOT).startsWith("changelog."))
                        .findFirst().orElseGet(() -> onlyIncluder(changelogs)));
    }

    /**
     * The one changelog that includes others and that no other names ({@code changelog-main.xml} beside the
     * releases it includes); {@code null} when there is not exactly one.
     */
    private static Path onlyIncluder(List<Path> changelogs) {
        Map<Path, String> texts = new HashMap<>();
        changelogs.forEach(f -> texts.put(f, TextFiles.read(f, f.getFileName())));
        List<Path> includers = changelogs.stream()
                .filter(f -> INCLUDE.matcher(texts.get(f)).find())
                .filter(f -> changelogs.stream().noneMatch(other -> !other.equals(f)
                        && texts.get(other).contains(f.getFileName().toString())))
                .toList();
        return includers.size() == 1 ? includers.get(0) : null;
    }

    /** Where Spring Boot, JHipster and Keycloak-style modules keep the master changelog, below a project. */
    private static final List<String> MASTER_DIRS = List.of("src/main/resources/db/changelog",
            "src/main/resources/config/liquibase", "src/main/resources/META-INF", "src/main/resources/liquibase",
            "src/main/resources/db", "src/main/resources/migration", "src/main/resources/migrations",
            "src/main/resources/changelog", "src/main/resources");
    private static final Pattern CHANGELOG_SETTING = Pattern.compile(
            "(?m)^\\s*(?:changeLogFile|changelog-file|spring\\.liquibase\\.change-log|change-log)\\s*[:=]\\s*['\"]?([^'\"\\s#]+)");

    /**
     * The master changelog of a project at {@code dir}: the one liquibase.properties or Spring's application
     * configuration names, else one in the folders Spring Boot and JHipster use; {@code null} when there is none.
     */
    static Path findMaster(Path dir) {
        for (String config : List.of("liquibase.properties", "src/main/resources/liquibase.properties",
                "src/main/resources/application.yml", "src/main/resources/application.yaml",
                "src/main/resources/application.properties", "src/main/resources/config/application.yml")) {
            Path file = dir.resolve(config);
            if (Files.isRegularFile(file)) {
                Matcher m = CHANGELOG_SETTING.matcher(TextFiles.read(file, file.getFileName()));
                if (m.find()) {
                    String path = m.group(1).replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
                    for (Path root : List.of(dir, dir.resolve("src/main/resources"))) {
                        if (Files.isRegularFile(root.resolve(path))) {
                            return root.resolve(path).normalize();
                        }
                    }
                }
            }
        }
        for (String candidate : MASTER_DIRS) {
            Path folder = dir.resolve(candidate);
            if (Files.isDirectory(folder)) {
                Path master = master(folder);
                if (master != null) {
                    return master;
                }
            }
        }
        return null;
    }

    /** The master changelog migrations were read from: the file itself, or the master of the folder. */
    public static Path masterOf(Path migrationsDir) {
        return Files.isRegularFile(migrationsDir) ? migrationsDir : master(migrationsDir);
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        Path master = masterOf(migrationsDir);
        if (master == null) {
            return List.of();
        }
        Reading reading = new Reading(projectDir.toAbsolutePath().normalize(), master.toAbsolutePath().normalize(),
                notes);
        reading.changelog(reading.master, 0);
        reading.finish();
        return reading.migrations;
    }

    /** One reading of a changelog tree: where it looks for files, its properties, and what it found. */
    private static final class Reading {
        private final Path project;
        private final Path master;
        private final Notes notes;
        private final LinearHistory.DisplayPaths display;
        private final List<Migration> migrations = new ArrayList<>();
        private final Map<String, String> properties = new HashMap<>();
        private final Set<Path> read = new HashSet<>();
        private final Set<String> contexts = new TreeSet<>();
        private final List<String> otherDatabases = new ArrayList<>();
        private final List<String> preconditions = new ArrayList<>();
        private final List<String> unresolved = new ArrayList<>();
        private final LiquibaseChanges changes;

        Reading(Path project, Path master, Notes notes) {
            this.project = project;
            this.master = master;
            this.notes = notes;
            this.display = new LinearHistory.DisplayPaths(project);
            this.changes = new LiquibaseChanges(name -> {
                String value = properties.get(name);
                if (value == null && !unresolved.contains(name)) {
                    unresolved.add(name);
                }
                return value;
            });
        }

        void finish() {
            if (!contexts.isEmpty()) {
                notes.add("changesets with contexts or labels (" + Notes.some(List.copyOf(contexts), 5) + ") are all "
                        + "read: Liquibase runs them all unless the deploy names contexts or labels");
            }
            if (!otherDatabases.isEmpty()) {
                notes.add("not read, as Liquibase skips them on PostgreSQL (dbms): " + Notes.some(otherDatabases, 5));
            }
            if (!preconditions.isEmpty()) {
                notes.add("preconditions decide at run time whether these run; they are read as running: "
                        + Notes.some(preconditions, 5));
            }
            if (!unresolved.isEmpty()) {
                notes.add("properties no changelog defines for PostgreSQL: ${" + String.join("}, ${", unresolved)
                        + "}; the changes that use them are not checked");
            }
        }

        /** Reads a changelog file, its includes where they stand. */
        void changelog(Path file, int includedAt) {
            Path shown = display.of(file);
            if (!read.add(file)) {
                notes.add("included more than once, read once: " + shown.toString().replace('\\', '/'));
                return;
            }
            String text = TextFiles.read(file, shown);
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".sql")) {
                formattedSql(file, shown, text);
                return;
            }
            Node root = LiquibaseTree.parse(text, shown);
            for (Node node : root.children) {
                switch (node.name) {
                    case "property" -> property(node);
                    case "include" -> include(file, shown, node);
                    case "includeAll" -> includeAll(file, shown, node);
                    case "changeSet" -> {
                        // a changeset's own strategy, else its changelog's: names in the SQL quoted as Liquibase does
                        String strategy = node.attribute("objectQuotingStrategy");
                        changes.quoting(strategy != null ? strategy : root.attribute("objectQuotingStrategy"));
                        changeSet(file, shown, node);
                    }
                    case "preConditions" -> preconditions.add(shown.toString().replace('\\', '/'));
                    default -> {
                    }
                }
            }
        }

        private void property(Node node) {
            String dbms = node.attribute("dbms");
            String name = node.attribute("name");
            String value = node.attribute("value");
            if (name != null && value != null && runsOnPostgres(dbms)) {
                properties.putIfAbsent(name, value);
            }
        }

        private void include(Path file, Path shown, Node node) {
            String path = node.attribute("file");
            if (path == null) {
                throw new InputException(shown, node.line, "include without a file");
            }
            changelog(resolve(file, shown, node, path), node.line);
        }

        private void includeAll(Path file, Path shown, Node node) {
            String path = node.attribute("path");
            if (path == null) {
                throw new InputException(shown, node.line, "includeAll without a path");
            }
            Path dir = resolve(file, shown, node, path);
            // Liquibase sorts the folder's changelogs by their full path, subfolders included
            for (Path included : Directory.filesRecursively(dir)) {
                String name = included.getFileName().toString().toLowerCase(Locale.ROOT);
                if (EXTENSIONS.stream().anyMatch(name::endsWith) && !Directory.ignorable(name)) {
                    changelog(included.toAbsolutePath().normalize(), node.line);
                }
            }
        }

        /**
         * An included path: beside the including changelog with relativeToChangelogFile, else on the classpath,
         * looked for from the master's folder up to the project and in src/main/resources.
         */
        private Path resolve(Path file, Path shown, Node node, String path) {
            String clean = path.replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
            List<Path> roots = new ArrayList<>();
            if ("true".equalsIgnoreCase(node.attribute("relativeToChangelogFile"))) {
                roots.add(file.getParent());
            } else {
                for (Path dir = master.getParent(); dir != null && dir.startsWith(project); dir = dir.getParent()) {
                    roots.add(dir);
                }
                roots.add(project.resolve("src/main/resources"));
                roots.add(file.getParent());
            }
            for (Path root : roots) {
                Path candidate = root.resolve(clean).normalize();
                if (Files.exists(candidate)) {
                    return candidate;
                }
            }
            throw new InputException(shown, node.line, "included changelog '" + path + "' not found (looked beside "
                    + "this changelog and on the classpath roots from the master's folder up to the project): "
                    + "Liquibase stops here");
        }

        private static boolean runsOnPostgres(String dbms) {
            if (dbms == null || dbms.isBlank()) {
                return true;
            }
            List<String> names = List.of(dbms.toLowerCase(Locale.ROOT).replace(" ", "").split(","));
            if (names.contains("!postgresql") || names.contains("none")) {
                return false;
            }
            return names.contains("postgresql") || names.contains("all") || names.stream().allMatch(n -> n.startsWith("!"));
        }

        private void changeSet(Path file, Path shown, Node node) {
            String id = node.attribute("id");
            String author = node.attribute("author");
            if (id == null || author == null) {
                throw new InputException(shown, node.line, "changeSet without " + (id == null ? "an id" : "an author"));
            }
            String key = author + ":" + id + ":" + shown.toString().replace('\\', '/');
            if (!runsOnPostgres(node.attribute("dbms"))) {
                otherDatabases.add(key);
                return;
            }
            noteContexts(node.attribute("context") != null ? node.attribute("context") : node.attribute("contexts"),
                    node.attribute("labels"));
            if (node.child("preConditions") != null) {
                preconditions.add(key);
            }
            Script up = new Script(node.line);
            Path scriptFile = file;
            List<Node> body = node.children.stream().filter(c -> !List.of("comment", "rollback", "preConditions",
                    "validCheckSum").contains(c.name)).toList();
            if (body.size() == 1 && isSqlFile(body.get(0))) {
                // a changeset of one sqlFile: its statements are reported in that file, at their lines
                Path sql = sqlFile(file, shown, body.get(0));
                Node at = new Node(node.name, 1);
                add(key, at, sql, new MigrationScript(sql, TextFiles.read(sql, display.of(sql)), 1, options(node)),
                        down(node, body, file), display.of(sql));
                return;
            }
            for (Node change : body) {
                if (isSqlFile(change)) {
                    Path sql = sqlFile(file, shown, change);
                    up.at(change.line, TextFiles.read(sql, display.of(sql)));
                    continue;
                }
                try {
                    boolean hasText = List.of("sql", "createProcedure", "createView").contains(change.name)
                            && (change.attribute("sql") != null || !change.text.isBlank());
                    String sql = changes.sql(change, null);
                    if (sql != null) {
                        up.at(hasText ? change.textLine : change.line, sql);
                    }
                } catch (LiquibaseChanges.Unread unread) {
                    up.at(change.line, UNREAD + unread.getMessage() + "\n");
                }
            }
            add(key, node, scriptFile, new MigrationScript(scriptFile, up.text.toString(), node.line, options(node)),
                    down(node, body, file), shown);
        }

        /** A change whose SQL is a file: {@code sqlFile}, and {@code createProcedure} with a {@code path}. */
        private static boolean isSqlFile(Node change) {
            return change.name.equals("sqlFile") || change.name.equals("createProcedure") && change.attribute("path") != null;
        }

        private Path sqlFile(Path file, Path shown, Node change) {
            String path = change.attribute("path");
            if (path == null) {
                throw new InputException(shown, change.line, change.name + " without a path");
            }
            return resolve(file, shown, change, path);
        }

        private void noteContexts(String context, String labels) {
            for (String value : new String[] {context, labels}) {
                if (value != null && !value.isBlank()) {
                    contexts.add(value.strip());
                }
            }
        }

        private static String options(Node node) {
            return "false".equalsIgnoreCase(node.attribute("runInTransaction")) ? NO_TRANSACTION : "";
        }

        /** The changeset's rollback, or the one Liquibase derives from its changes; empty when there is none. */
        private Optional<MigrationScript> down(Node changeSet, List<Node> body, Path file) {
            Node rollback = changeSet.child("rollback");
            Script down = new Script(changeSet.line);
            if (rollback != null) {
                String text = rollback.attribute("rollback") != null ? rollback.attribute("rollback") : rollback.text;
                if (!text.isBlank()) {
                    down.at(rollback.textLine, text);
                }
                for (Node change : rollback.children) {
                    try {
                        String sql = changes.sql(change, null);
                        if (sql != null) {
                            down.at(change.line, sql);
                        }
                    } catch (LiquibaseChanges.Unread unread) {
                        down.at(change.line, UNREAD + unread.getMessage() + "\n");
                    }
                }
            } else if (changeSet.attribute("rollback") != null) {
                down.at(changeSet.line, changeSet.attribute("rollback"));
            } else {
                for (int i = body.size() - 1; i >= 0; i--) {
                    String sql;
                    try {
                        sql = isSqlFile(body.get(i)) ? null : changes.autoRollback(body.get(i));
                    } catch (LiquibaseChanges.Unread unread) {
                        sql = null;
                    }
                    if (sql == null) {
                        return Optional.empty();
                    }
                    down.at(changeSet.line, sql);
                }
            }
            return down.text.toString().isBlank() ? Optional.empty()
                    : Optional.of(new MigrationScript(file, down.text.toString(), down.first));
        }

        private void add(String key, Node node, Path file, MigrationScript up, Optional<MigrationScript> down,
                         Path shown) {
            List<String> parents = migrations.isEmpty() ? List.of() : List.of(migrations.get(migrations.size() - 1).id());
            migrations.add(new Migration(key, parents, List.of(), List.of(), shown, node.line, node.line,
                    MigrationFormat.LIQUIBASE, up, down, migrations.size()));
        }

        /** A formatted SQL changelog: each {@code --changeset author:id} up to the next one. */
        private void formattedSql(Path file, Path shown, String text) {
            String[] lines = text.split("\n", -1);
            int start = -1;
            Matcher header = null;
            for (int i = 0; i <= lines.length; i++) {
                Matcher m = i < lines.length ? CHANGESET.matcher(lines[i]) : null;
                if (i == lines.length || m.find()) {
                    if (header != null) {
                        sqlChangeset(file, shown, lines, start, i, header);
                    }
                    if (i < lines.length) {
                        header = m;
                        start = i;
                    }
                }
            }
        }

        private void sqlChangeset(Path file, Path shown, String[] lines, int start, int end, Matcher header) {
            String author = header.group(1).replace("\"", "");
            String id = header.group(2);
            Map<String, String> attributes = new HashMap<>();
            Matcher a = ATTRIBUTE.matcher(header.group(3));
            while (a.find()) {
                attributes.put(a.group(1), a.group(2).replace("\"", ""));
            }
            String key = author + ":" + id + ":" + shown.toString().replace('\\', '/');
            Node node = new Node("changeSet", start + 1);
            node.attributes.putAll(attributes);
            if (!runsOnPostgres(attributes.get("dbms"))) {
                otherDatabases.add(key);
                return;
            }
            noteContexts(attributes.containsKey("context") ? attributes.get("context") : attributes.get("contexts"),
                    attributes.get("labels"));
            StringBuilder body = new StringBuilder();
            StringBuilder rollback = new StringBuilder();
            int rollbackLine = 0;
            for (int i = start + 1; i < end; i++) {
                Matcher r = ROLLBACK.matcher(lines[i]);
                if (r.find()) {
                    rollbackLine = rollbackLine == 0 ? i + 1 : rollbackLine;
                    rollback.append(r.group(1)).append('\n');
                } else if (PRECONDITION.matcher(lines[i]).find()) {
                    if (!preconditions.contains(key)) {
                        preconditions.add(key);
                    }
                }
                body.append(lines[i]).append('\n');
            }
            Optional<MigrationScript> down = rollback.toString().isBlank() ? Optional.empty()
                    : Optional.of(new MigrationScript(file, rollback.toString(), rollbackLine));
            add(key, node, file, new MigrationScript(file, body.toString(), start + 2, options(node)), down, shown);
        }
    }

    /** SQL placed at the changelog's lines: each piece starts on the line of the change it comes from. */
    private static final class Script {
        final StringBuilder text = new StringBuilder();
        final int first;
        int line;

        Script(int first) {
            this.first = first;
            this.line = first;
        }

        void at(int target, String sql) {
            if (target > line) {
                text.append("\n".repeat(target - line));
                line = target;
            } else if (!text.isEmpty()) {
                text.append(' ');
            }
            text.append(sql);
            line += (int) sql.chars().filter(c -> c == '\n').count();
        }
    }
}
