package dev.schemaguard.source;

import dev.schemaguard.io.TextFiles;
import dev.schemaguard.source.DjangoModule.Key;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Django migrations, read without importing Django, as its {@code MigrationLoader} builds its graph: every module of
 * an app's {@code migrations} package whose name does not start with {@code _} or {@code ~}, keyed
 * {@code app_label.name}; {@code dependencies} within the app are parents (they decide the app's leaf nodes, which
 * {@code makemigrations --merge} joins), dependencies on other apps order the apps; {@code __first__} and
 * {@code __latest__} name an app's first and last migration; {@code run_before} adds the reverse dependency; a
 * squashed migration whose {@code replaces} are still present stands for them, as Django uses it on a database that
 * applied none of them: the replaced ones are left out and what depended on them depends on the squash.
 */
public final class DjangoReader implements MigrationReader {

    /** The option of a migration that says {@code atomic = False}: Django runs it without a transaction. */
    public static final String NOT_ATOMIC = "atomic=False";
    /** The option that carries the app label: {@code app=league}. */
    public static final String APP = "app=";

    private static final Pattern LABEL = Pattern.compile("(?m)^\\s+label\\s*=\\s*['\"]([\\w]+)['\"]");
    private static final int SETTINGS_DEPTH = 4;

    @Override
    public MigrationFormat format() {
        return MigrationFormat.DJANGO;
    }

    /** Django loads every module of a migrations package whose name does not start with _ or ~. */
    static boolean isMigrationFileName(String name) {
        return name.endsWith(".py") && !name.startsWith("_") && !name.startsWith("~") && !Directory.ignorable(name);
    }

    /** Whether a folder is an app's migrations package: Django migrations in it. */
    static boolean isMigrationsFolder(Path dir) {
        for (Path file : Directory.files(dir)) {
            String name = file.getFileName().toString();
            if (isMigrationFileName(name) && DjangoModule.looksLikeMigration(TextFiles.read(file, file.getFileName()))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public List<Migration> read(Path projectDir, Path migrationsDir, Notes notes) {
        return read(projectDir, List.of(migrationsDir), notes);
    }

    /** One module read: its key, what it names, and its file. */
    private record Read(Key key, Path file, Path display, String text, DjangoModule module, List<Key> dependencies,
                        List<Key> replaces, List<Key> runBefore) {
    }

    /** Reads the apps whose migrations folders are given, as one graph. */
    List<Migration> read(Path projectDir, List<Path> folders, Notes notes) {
        LinearHistory.DisplayPaths display = new LinearHistory.DisplayPaths(projectDir);
        Map<String, String> swappable = DjangoModule.swappableSettings(settingsTexts(projectDir));
        List<Path> files = new ArrayList<>();
        Map<Path, String> labels = new HashMap<>();
        for (Path folder : folders) {
            String label = appLabel(folder);
            for (Path file : Directory.files(folder)) {
                if (isMigrationFileName(file.getFileName().toString())) {
                    files.add(file);
                    labels.put(file, label);
                }
            }
        }
        List<Read> modules = Parallel.mapInOrder(files, (file, order) -> {
            Path shown = display.of(file);
            String text = TextFiles.read(file, shown);
            DjangoModule module = DjangoModule.parse(text, shown);
            String name = file.getFileName().toString();
            return new Read(new Key(labels.get(file), name.substring(0, name.length() - ".py".length())), file, shown,
                    text, module, module.keys("dependencies", shown, swappable), module.keys("replaces", shown, swappable),
                    module.keys("run_before", shown, swappable));
        });
        Map<String, Read> byId = new LinkedHashMap<>();
        for (Read r : modules) {
            byId.putIfAbsent(r.key().toString(), r);
        }
        // A squash present with what it replaces stands for them (Django, on a database that applied none of them).
        Map<String, String> replacedBy = new HashMap<>();
        for (Read r : modules) {
            List<String> present = r.replaces().stream().map(Key::toString).filter(byId::containsKey).toList();
            if (!present.isEmpty()) {
                present.forEach(id -> replacedBy.put(id, r.key().toString()));
                notes.add(r.key() + " squashes " + r.replaces().size() + " migrations, " + present.size()
                        + " of them still present: read as Django reads them on a new database, the squash counts and "
                        + "the migrations it replaces do not");
            }
        }
        Map<String, List<String>> firstAndLast = appEnds(modules, replacedBy);
        Set<String> outside = new TreeSet<>();
        Map<String, Set<String>> parents = new HashMap<>();
        Map<String, Set<String>> dependsOn = new HashMap<>();
        for (Read r : modules) {
            String id = r.key().toString();
            parents.put(id, new LinkedHashSet<>());
            dependsOn.put(id, new LinkedHashSet<>());
        }
        for (Read r : modules) {
            String id = r.key().toString();
            if (replacedBy.containsKey(id)) {
                continue;
            }
            for (Key dependency : r.dependencies()) {
                String target = resolve(dependency, firstAndLast, replacedBy, outside);
                if (target != null && !target.equals(id)) {
                    (dependency.app().equals(r.key().app()) ? parents : dependsOn).get(id).add(target);
                }
            }
            for (Key later : r.runBefore()) {
                String target = resolve(later, firstAndLast, replacedBy, outside);
                if (target != null && parents.containsKey(target)) {
                    (later.app().equals(r.key().app()) ? parents : dependsOn).get(target).add(id);
                }
            }
        }
        if (!outside.isEmpty()) {
            notes.add("dependencies on apps with no migrations in the project (" + Notes.some(List.copyOf(outside), 6)
                    + "): Django finds those in the installed packages; they are not checked");
        }
        List<Migration> migrations = new ArrayList<>();
        for (Read r : modules) {
            String id = r.key().toString();
            if (replacedBy.containsKey(id)) {
                continue;
            }
            DjangoModule.Attribute deps = r.module().attributes().get("dependencies");
            String options = APP + r.key().app() + (r.module().is("atomic", "False") ? " " + NOT_ATOMIC : "")
                    + (r.module().is("initial", "True") ? " initial" : "");
            MigrationScript script = new MigrationScript(r.file(), r.text(), 1, options);
            migrations.add(new Migration(id, List.copyOf(parents.get(id)), List.copyOf(dependsOn.get(id)), List.of(),
                    r.display(), r.module().classLine(), deps == null ? r.module().classLine() : deps.line(),
                    format(), script, reversible(r.module()) ? Optional.of(script) : Optional.empty(),
                    migrations.size()));
        }
        return migrations;
    }

    /**
     * The migrations a squashed migration replaces (its {@code replaces}), as ids; empty for any other. A database
     * that recorded all of them has the squash applied; one that recorded some runs the rest of them, not the squash.
     */
    public static List<String> replaced(Migration migration) {
        DjangoModule module = DjangoModule.parse(migration.up().text(), migration.file());
        return module.keys("replaces", migration.file(), Map.of()).stream().map(Key::toString).toList();
    }

    /**
     * A dependency as a migration id: {@code __first__} and {@code __latest__} resolved to the app's first and last
     * migration, a replaced migration to its squash; {@code null} (and the app noted) for an app the project has no
     * migrations of. A missing migration of a known app is kept, for the graph to report.
     */
    private static String resolve(Key key, Map<String, List<String>> ends, Map<String, String> replacedBy,
                                  Set<String> outside) {
        List<String> app = ends.get(key.app());
        if (app == null) {
            outside.add(key.app());
            return null;
        }
        String id = switch (key.name()) {
            case "__first__" -> app.get(0);
            case "__latest__" -> app.get(1);
            default -> key.toString();
        };
        return replacedBy.getOrDefault(id, id);
    }

    /** Each app's first and last migration, by name, squashed ones left out. */
    private static Map<String, List<String>> appEnds(List<Read> modules, Map<String, String> replacedBy) {
        Map<String, List<String>> ends = new HashMap<>();
        Comparator<String> byName = Comparator.naturalOrder();
        for (Read r : modules) {
            String id = r.key().toString();
            if (replacedBy.containsKey(id)) {
                continue;
            }
            ends.merge(r.key().app(), List.of(id, id), (a, b) -> List.of(
                    byName.compare(a.get(0), b.get(0)) <= 0 ? a.get(0) : b.get(0),
                    byName.compare(a.get(1), b.get(1)) >= 0 ? a.get(1) : b.get(1)));
        }
        return ends;
    }

    /** The app's label: its AppConfig's {@code label} in apps.py, else the folder's name, as Django defaults it. */
    static String appLabel(Path migrationsFolder) {
        Path app = migrationsFolder.toAbsolutePath().getParent();
        Path apps = app.resolve("apps.py");
        if (Files.isRegularFile(apps)) {
            Matcher m = LABEL.matcher(TextFiles.read(apps, apps.getFileName()));
            if (m.find()) {
                return m.group(1);
            }
        }
        return app.getFileName().toString();
    }

    /**
     * Whether Django can reverse every operation: RunPython without {@code reverse_code} and RunSQL without
     * {@code reverse_sql} cannot be.
     */
    static boolean reversible(DjangoModule module) {
        List<PythonHeader.Token> tokens = module.tokens();
        for (int i = 0; i + 1 < tokens.size(); i++) {
            String name = tokens.get(i).text();
            if ((name.equals("RunPython") || name.equals("RunSQL")) && tokens.get(i + 1).text().equals("(")) {
                int close = close(tokens, i + 1);
                List<List<PythonHeader.Token>> args = DjangoModule.items(tokens.subList(i + 1, close + 1));
                String reverse = name.equals("RunPython") ? "reverse_code" : "reverse_sql";
                boolean named = args.stream().anyMatch(a -> a.size() > 1 && a.get(0).text().equals(reverse));
                long positional = args.stream().filter(a -> a.size() < 2 || !a.get(1).text().equals("=")).count();
                if (!named && positional < 2) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int close(List<PythonHeader.Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            String text = tokens.get(i).kind() == PythonHeader.Kind.OP ? tokens.get(i).text() : "";
            if (text.equals("(") || text.equals("[") || text.equals("{")) {
                depth++;
            } else if ((text.equals(")") || text.equals("]") || text.equals("}")) && --depth == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    /** The project's settings modules (settings.py, settings/*.py), where swappable models are named. */
    private static List<String> settingsTexts(Path projectDir) {
        List<String> texts = new ArrayList<>();
        collectSettings(projectDir, 0, texts);
        return texts;
    }

    private static void collectSettings(Path dir, int depth, List<String> texts) {
        if (depth > SETTINGS_DEPTH) {
            return;
        }
        for (Path file : Directory.files(dir)) {
            String name = file.getFileName().toString();
            boolean inSettings = String.valueOf(dir.getFileName()).equals("settings");
            if (name.endsWith(".py") && (name.startsWith("settings") || inSettings)) {
                texts.add(TextFiles.read(file, file.getFileName()));
            }
        }
        for (Path folder : Directory.folders(dir)) {
            String name = folder.getFileName().toString();
            if (!name.equals("node_modules") && !name.equals("migrations") && !name.startsWith("venv")) {
                collectSettings(folder, depth + 1, texts);
            }
        }
    }
}
