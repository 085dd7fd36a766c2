package dev.schemaguard.lint;

import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.WordSearch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/**
 * The objects migrations created that a second CREATE of the same name fails on, and which migration created each:
 * relations (tables, views, materialized views, sequences and indexes share one name space per schema), named
 * constraints of each table, functions and procedures by name and argument list, schemas and extensions.
 *
 * <p>What it answers is a claim that a statement will fail, so it keeps only what the statements seen prove. A drop
 * it cannot follow exactly (CASCADE, a dropped table's owned sequences, a dropped column's constraints and indexes)
 * forgets every object it may have taken; a statement whose effect is not known (SQL that was not typed, a code block
 * that drops or renames, code of another language) makes every creation before it uncertain.
 */
final class CreatedObjects {

    /**
     * Who created an object, and whether every statement since is understood.
     *
     * @param table      for an index or constraint, the key of its table
     * @param volatility for a function, VOLATILE, STABLE or IMMUTABLE as its last definition says
     */
    private record Entry(String migration, String kind, String table, int epoch, String volatility) {
        Entry(String migration, String kind, String table, int epoch) {
            this(migration, kind, table, epoch, null);
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();
    /*
     * The same keys, indexed for the questions drops ask, so that a drop looks at the entries it may take instead of
     * at every object of the history: routines' keys in order (drops find them by prefix), keys by kind, by table, a
     * constraint's key by each beginning before a dot ("constraint app.t.c" under "app" and "app.t") and an index's
     * key by each ending after one ("relation app.ix" under "ix").
     */
    private final NavigableSet<String> routineKeys = new TreeSet<>();
    private final Map<String, Set<String>> constraintsByBeginning = new HashMap<>();
    private final Map<String, Set<String>> byKind = new HashMap<>();
    private final Map<String, Set<String>> byTable = new HashMap<>();
    private final Map<String, Set<String>> indexesByEnding = new HashMap<>();
    /** Raised by every statement whose effect is not known: entries of an older epoch prove nothing. */
    private int epoch;

    /** For a snapshot: the registry it was taken of; {@code null} for a live one. */
    private CreatedObjects live;
    /** For a snapshot: the entries the live registry changed since, as they were (a null value: absent). */
    private final Map<String, Entry> saved = new HashMap<>();
    private int savedEpoch;
    /** For a live registry: the snapshot to save entries into before changing them, or {@code null}. */
    private CreatedObjects recording;

    /** A read-only view of the registry as it is now, which keeps answering so while it moves on. */
    CreatedObjects snapshot() {
        CreatedObjects view = new CreatedObjects();
        view.live = this;
        view.savedEpoch = epoch;
        recording = view;
        return view;
    }

    // ---- keys ----

    static String relation(Command.Name name) {
        return "relation " + SchemaState.key(name);
    }

    /** An index lives in its table's schema. */
    static String index(Command.Name table, String index) {
        return relation(new Command.Name(table == null ? null : table.schema(), index));
    }

    static String constraint(Command.Name table, String name) {
        return "constraint " + SchemaState.key(table) + "." + name;
    }

    static String routine(Command.Name name, String arguments) {
        return "routine " + SchemaState.key(name) + "(" + arguments.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT)
                + ")";
    }

    static String schema(String name) {
        return "schema " + name;
    }

    static String extension(String name) {
        return "extension " + name;
    }

    // ---- questions ----

    /**
     * The migration that created the object and what it is ("table", "index", ...), when the statements seen since
     * prove it still exists under that key; {@code null} otherwise.
     */
    String[] provenCreator(String key) {
        Entry e = entry(key);
        int current = live != null ? savedEpoch : epoch;
        return e == null || e.epoch() != current ? null : new String[] {e.migration(), e.kind()};
    }

    /** A function's volatility and who created it, as far as its definitions say. */
    record Volatility(String volatility, String createdBy) {
    }

    /** The key prefix of a function's volatility, kept apart from its creation. */
    private static final String VOLATILITY = "volatility ";

    /**
     * The volatility every function of this name that migrations defined shares, with the migration that defined
     * one; {@code null} when none is known or the overloads differ (which one a call resolves to is not known).
     */
    Volatility volatility(String function) {
        String prefix = VOLATILITY + "routine " + function + "(";
        NavigableSet<String> keys = new TreeSet<>(withPrefix(live != null ? live.routineKeys : routineKeys, prefix));
        if (live != null) {
            saved.keySet().stream().filter(key -> key.startsWith(prefix)).forEach(keys::add);
        }
        String found = null;
        String createdBy = null;
        Set<String> creators = new HashSet<>();
        for (String key : keys) {
            Entry e = entry(key);
            if (e != null && e.volatility() != null) {
                if (found != null && !found.equals(e.volatility())) {
                    return null;
                }
                found = e.volatility();
                createdBy = e.migration();
                creators.add(createdBy);
            }
        }
        // Which creator is named when overloads from several migrations agree followed the order of a hash map of
        // every entry: asked the same way, it answers the same.
        return found == null ? null : creators.size() > 1 ? volatilityOfEveryEntry(prefix)
                : new Volatility(found, createdBy);
    }

    private Volatility volatilityOfEveryEntry(String prefix) {
        String found = null;
        String createdBy = null;
        Map<String, Entry> visible = new HashMap<>(live != null ? live.entries : entries);
        if (live != null) {
            saved.forEach((key, e) -> {
                if (e == null) {
                    visible.remove(key);
                } else {
                    visible.put(key, e);
                }
            });
        }
        for (Map.Entry<String, Entry> e : visible.entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue().volatility() != null) {
                if (found != null && !found.equals(e.getValue().volatility())) {
                    return null;
                }
                found = e.getValue().volatility();
                createdBy = e.getValue().migration();
            }
        }
        return found == null ? null : new Volatility(found, createdBy);
    }

    /** The keys of {@code keys} that start with {@code prefix}. */
    private static NavigableSet<String> withPrefix(NavigableSet<String> keys, String prefix) {
        return keys.subSet(prefix, true, prefix + Character.MAX_VALUE, false);
    }

    private Entry entry(String key) {
        if (live != null) {
            return saved.containsKey(key) ? saved.get(key) : live.entries.get(key);
        }
        return entries.get(key);
    }

    /** An object a statement creates: its key here, and what it is in words ("table", "index", ...). */
    record Creation(String key, String kind, String name) {
    }

    /**
     * The object a statement creates that would fail to be created again: an unguarded CREATE (no IF NOT EXISTS, no
     * OR REPLACE) or a named ADD CONSTRAINT; {@code null} for every other statement.
     */
    static Creation unguardedCreation(Command command) {
        if (command instanceof Command.CreateTable t && !t.ifNotExists() && !t.temporary()) {
            return new Creation(relation(t.table()), "table", t.table().display());
        }
        if (command instanceof Command.CreateIndex i && !i.ifNotExists() && i.name() != null) {
            return new Creation(index(i.table(), i.name()), "index", i.name());
        }
        if (command instanceof Command.CreateObject o && o.name() != null && !o.ifNotExists() && !o.orReplace()) {
            return switch (o.kind()) {
                case "SEQUENCE", "VIEW", "MATERIALIZED VIEW" -> new Creation(relation(o.name()),
                        o.kind().toLowerCase(Locale.ROOT), o.name().display());
                case "FUNCTION", "PROCEDURE" -> o.arguments() == null ? null : new Creation(routine(o.name(),
                        o.arguments()), o.kind().toLowerCase(Locale.ROOT), o.name().display() + "(" + o.arguments() + ")");
                case "SCHEMA" -> new Creation(schema(o.name().name()), "schema", o.name().name());
                case "EXTENSION" -> new Creation(extension(o.name().name()), "extension", o.name().name());
                default -> null;
            };
        }
        if (command instanceof Command.AlterTable alter && alter.actions().size() == 1
                && alter.actions().get(0) instanceof Command.AddConstraint add && add.constraint().name() != null) {
            return new Creation(constraint(alter.table(), add.constraint().name()), "constraint",
                    add.constraint().name() + " on " + alter.table().display());
        }
        return null;
    }

    /** Applies a statement's effect on the objects, as done by {@code migration}. */
    void apply(Command command, String migration) {
        if (command instanceof Command.CreateTable t && !t.temporary()) {
            created(relation(t.table()), "table", null, migration);
            t.constraints().stream().filter(c -> c.name() != null)
                    .forEach(c -> created(constraint(t.table(), c.name()), "constraint", SchemaState.key(t.table()),
                            migration));
        } else if (command instanceof Command.CreateIndex i && i.name() != null) {
            created(index(i.table(), i.name()), "index", SchemaState.key(i.table()), migration);
        } else if (command instanceof Command.CreateObject o && o.name() != null) {
            switch (o.kind()) {
                case "SEQUENCE", "VIEW", "MATERIALIZED VIEW", "FOREIGN TABLE" -> created(relation(o.name()),
                        o.kind().toLowerCase(Locale.ROOT), null, migration);
                case "FUNCTION", "PROCEDURE" -> {
                    if (o.arguments() != null) {
                        String key = routine(o.name(), o.arguments());
                        created(key, o.kind().toLowerCase(Locale.ROOT), null, migration);
                        if (o.volatility() != null) {
                            // the definition's volatility, apart: only its own CREATE [OR REPLACE] and DROP change it
                            save(VOLATILITY + key);
                            put(VOLATILITY + key, new Entry(migration, "volatility", null, epoch, o.volatility()));
                        }
                    }
                }
                case "SCHEMA" -> created(schema(o.name().name()), "schema", null, migration);
                case "EXTENSION" -> created(extension(o.name().name()), "extension", null, migration);
                default -> {
                }
            }
        } else if (command instanceof Command.DropTable d) {
            for (Command.Name table : d.tables()) {
                dropped(relation(table));
                droppedDependentsOf(table);
            }
            // sequences a dropped table owned (serial columns, OWNED BY) go with it; CASCADE takes views and the
            // foreign keys of other tables
            droppedAll(d.cascade() ? union(ofKind("sequence"), ofKind("constraint")) : ofKind("sequence"),
                    (key, kind) -> kind.equals("sequence") || d.cascade() && kind.equals("constraint"));
            if (d.cascade()) {
                droppedViews();
            }
        } else if (command instanceof Command.DropIndex d) {
            d.indexes().forEach(i -> droppedAll(union(List.of(relation(i)),
                            indexesByEnding.getOrDefault(i.name(), Set.of())), (key, kind) -> kind.equals("index")
                    && (key.equals(relation(i)) || key.endsWith("." + i.name()))));
        } else if (command instanceof Command.DropObject d) {
            drop(d);
        } else if (command instanceof Command.RenameObject r) {
            if (r.newName() == null || r.kind().equals("FUNCTION") || r.kind().equals("PROCEDURE")
                    || r.kind().equals("ROUTINE")) {
                droppedAll(union(List.of(relation(r.name()), schema(r.name().name()), extension(r.name().name())),
                                withPrefix(routineKeys, "routine " + SchemaState.key(r.name()) + "(")),
                        (key, kind) -> key.startsWith("relation ") && key.equals(relation(r.name()))
                        || key.startsWith("routine " + SchemaState.key(r.name()) + "(")
                        || key.equals(schema(r.name().name())) || key.equals(extension(r.name().name())));
            } else if (r.kind().equals("SCHEMA")) {
                renamed(schema(r.name().name()), schema(r.newName()));
            } else {
                renamed(relation(r.name()), relation(new Command.Name(r.name().schema(), r.newName())));
            }
        } else if (command instanceof Command.AlterTable a) {
            alter(a, migration);
        } else if (command instanceof Command.DoBlock block) {
            if (!block.statements().isEmpty()) {
                block.statements().forEach(inner -> apply(inner, migration));
            } else if (WordSearch.contains(DYNAMIC.matcher(block.body()), block.body(), "drop", "rename", "execute",
                    "set")) {
                unknownEffect();
            }
        } else if (command instanceof Command.Unrecognized || command instanceof Command.MetaCommand) {
            unknownEffect();
        }
    }

    /** Words in a code block that may drop, rename or move what the analysis keeps. */
    private static final java.util.regex.Pattern DYNAMIC = java.util.regex.Pattern.compile(
            "(?i)\\b(drop|rename|execute|set\\s+schema)\\b");

    private void drop(Command.DropObject d) {
        switch (d.kind()) {
            case "SEQUENCE", "FOREIGN TABLE" -> d.names().forEach(n -> dropped(relation(n)));
            // a view dropped with CASCADE takes the views on it, and a materialized view its indexes
            case "VIEW", "MATERIALIZED VIEW" -> {
                d.names().forEach(n -> {
                    dropped(relation(n));
                    droppedDependentsOf(n);
                });
                droppedViews();
            }
            case "FUNCTION", "PROCEDURE", "ROUTINE" -> d.names().forEach(n -> droppedAll(union(
                    withPrefix(routineKeys, "routine " + SchemaState.key(n) + "("),
                    withPrefix(routineKeys, VOLATILITY + "routine " + SchemaState.key(n) + "(")), (key, kind) ->
                    key.startsWith("routine " + SchemaState.key(n) + "(")
                            || key.startsWith(VOLATILITY + "routine " + SchemaState.key(n) + "(")));
            case "TYPE", "DOMAIN" -> {
                droppedAll(union(withPrefix(routineKeys, "routine "), ofKind("constraint")),
                        (key, kind) -> key.startsWith("routine ") || kind.equals("constraint"));
                droppedViews();
            }
            case "TRIGGER", "POLICY", "RULE", "ROLE", "USER", "GROUP", "STATISTICS", "PUBLICATION", "SUBSCRIPTION",
                    "EVENT TRIGGER", "CAST", "COLLATION", "TEXT SEARCH CONFIGURATION" -> {
                // nothing the analysis keeps depends on these
            }
            default -> {
                // DROP SCHEMA, DROP EXTENSION, DROP OWNED and the rest take more than can be followed
                d.names().forEach(n -> {
                    dropped(schema(n.name()));
                    dropped(extension(n.name()));
                });
                unknownEffect();
            }
        }
    }

    private void alter(Command.AlterTable alter, String migration) {
        Command.Name table = alter.table();
        for (Command.AlterAction action : alter.actions()) {
            if (action instanceof Command.AddConstraint add && add.constraint().name() != null) {
                created(constraint(table, add.constraint().name()), "constraint", SchemaState.key(table), migration);
            } else if (action instanceof Command.DropConstraint drop) {
                dropped(constraint(table, drop.name()));
            } else if (action instanceof Command.RenameConstraint rename) {
                renamed(constraint(table, rename.from()), constraint(table, rename.to()));
            } else if (action instanceof Command.DropColumn drop) {
                // the column takes the constraints and indexes that use it, its owned sequence, and with CASCADE views
                droppedDependentsOf(table);
                droppedAll(ofKind("sequence"), (key, kind) -> kind.equals("sequence"));
                if (drop.cascade()) {
                    droppedViews();
                }
            } else if (action instanceof Command.RenameTable rename) {
                Command.Name to = new Command.Name(table.schema(), rename.to());
                tableRenamed(table, to);
                table = to;
            } else if (action instanceof Command.OtherAction other && other.words().startsWith("SET SCHEMA")) {
                dropped(relation(table));
                droppedDependentsOf(table);
            }
        }
    }

    // ---- changes ----

    /**
     * Records a creation unless the key is proven taken (the CREATE then fails, or its IF NOT EXISTS does nothing). Past
     * a statement whose effect is not known, the object exists once this statement ran, whoever created it.
     */
    void created(String key, String kind, String table, String migration) {
        Entry existing = entries.get(key);
        if (existing == null || existing.epoch() != epoch) {
            save(key);
            put(key, new Entry(migration, kind, table, epoch));
        }
    }

    void dropped(String key) {
        save(key);
        Entry gone = entries.remove(key);
        if (gone != null) {
            unindex(key, gone);
        }
    }

    /** Records an entry under its key, in the indexes too. */
    private void put(String key, Entry entry) {
        Entry replaced = entries.put(key, entry);
        if (replaced != null) {
            unindex(key, replaced);
        }
        if (isRoutineKey(key)) {
            routineKeys.add(key);
        }
        byKind.computeIfAbsent(entry.kind(), k -> new HashSet<>()).add(key);
        if (entry.table() != null) {
            byTable.computeIfAbsent(entry.table(), k -> new HashSet<>()).add(key);
        }
        if (entry.kind().equals("index")) {
            for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
                indexesByEnding.computeIfAbsent(key.substring(dot + 1), k -> new HashSet<>()).add(key);
            }
        }
        if (key.startsWith(CONSTRAINT)) {
            for (int dot = key.indexOf('.', CONSTRAINT.length()); dot >= 0; dot = key.indexOf('.', dot + 1)) {
                constraintsByBeginning.computeIfAbsent(key.substring(CONSTRAINT.length(), dot), k -> new HashSet<>())
                        .add(key);
            }
        }
    }

    private static final String CONSTRAINT = "constraint ";

    /** Keys that drops and volatility questions find by prefix: routines and their volatility. */
    private static boolean isRoutineKey(String key) {
        return key.startsWith("routine ") || key.startsWith(VOLATILITY);
    }

    private void unindex(String key, Entry entry) {
        if (isRoutineKey(key)) {
            routineKeys.remove(key);
        }
        removeFrom(byKind, entry.kind(), key);
        if (entry.table() != null) {
            removeFrom(byTable, entry.table(), key);
        }
        if (entry.kind().equals("index")) {
            for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
                removeFrom(indexesByEnding, key.substring(dot + 1), key);
            }
        }
        if (key.startsWith(CONSTRAINT)) {
            for (int dot = key.indexOf('.', CONSTRAINT.length()); dot >= 0; dot = key.indexOf('.', dot + 1)) {
                removeFrom(constraintsByBeginning, key.substring(CONSTRAINT.length(), dot), key);
            }
        }
    }

    private static void removeFrom(Map<String, Set<String>> index, String at, String key) {
        Set<String> keys = index.get(at);
        if (keys != null && keys.remove(key) && keys.isEmpty()) {
            index.remove(at);
        }
    }

    private Set<String> ofKind(String kind) {
        return byKind.getOrDefault(kind, Set.of());
    }

    private static List<String> union(Collection<String> a, Collection<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        return both;
    }

    /**
     * Forgets every entry that matches: what a drop took may be any of them. {@code candidates} holds every key that
     * can match (the indexes find them), maybe more.
     */
    void droppedAll(Collection<String> candidates, BiPredicate<String, String> keyAndKind) {
        Set<String> gone = new HashSet<>();
        for (String key : candidates) {
            Entry e = entries.get(key);
            if (e != null && keyAndKind.test(key, e.kind())) {
                gone.add(key);
            }
        }
        gone.forEach(this::dropped);
    }

    /** The keys that are a table's indexes and constraints: its own by its entry, and those named after it. */
    private List<String> dependentsOf(String tableKey) {
        return union(byTable.getOrDefault(tableKey, Set.of()), constraintsByBeginning.getOrDefault(tableKey, Set.of()));
    }

    /** Forgets the indexes and constraints of a table, which a drop of it (or of one of its columns) may take. */
    void droppedDependentsOf(Command.Name table) {
        String tableKey = SchemaState.key(table);
        droppedAll(dependentsOf(tableKey), (key, kind) -> tableKey.equals(entries.get(key).table())
                || key.startsWith("constraint " + tableKey + "."));
    }

    /** Forgets every view and materialized view with its indexes: a CASCADE may have taken any of them. */
    private void droppedViews() {
        Set<String> views = new HashSet<>(ofKind("view"));
        views.addAll(ofKind("materialized view"));
        for (String view : views) {
            dropped(view);
            String viewKey = view.substring("relation ".length());
            droppedAll(byTable.getOrDefault(viewKey, Set.of()), (key, kind) -> viewKey.equals(entries.get(key).table()));
        }
    }

    void renamed(String from, String to) {
        Entry e = entries.get(from);
        if (e != null) {
            dropped(from);
            save(to);
            put(to, e);
        }
    }

    /** The relation a table's indexes and constraints hang on moved: they move with it. */
    void tableRenamed(Command.Name from, Command.Name to) {
        renamed(relation(from), relation(to));
        String fromKey = SchemaState.key(from);
        String toKey = SchemaState.key(to);
        Map<String, Entry> moved = new HashMap<>();
        for (String key : dependentsOf(fromKey)) {
            Entry e = entries.get(key);
            if (e != null && (fromKey.equals(e.table()) || key.startsWith("constraint " + fromKey + "."))) {
                moved.put(key, e);
            }
        }
        moved.forEach((key, e) -> {
            dropped(key);
            String newKey = key.startsWith("constraint ") ? "constraint " + toKey + key.substring(
                    ("constraint " + fromKey).length()) : key;
            save(newKey);
            put(newKey, new Entry(e.migration(), e.kind(), fromKey.equals(e.table()) ? toKey : e.table(),
                    e.epoch()));
        });
    }

    /** A statement whose effect is not known: no creation before it proves anything any more. */
    void unknownEffect() {
        // a snapshot keeps the epoch it was taken at
        epoch++;
    }

    private void save(String key) {
        if (live != null) {
            throw new IllegalStateException("a snapshot is read-only");
        }
        if (recording != null && !recording.saved.containsKey(key)) {
            recording.saved.put(key, entries.get(key));
        }
    }
}
