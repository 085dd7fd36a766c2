package dev.schemaguard.lint;

import dev.schemaguard.sql.Command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the migrations applied so far have created: tables with their columns (type, NOT NULL), the CHECK
 * constraints that prove a column non-null, and types. Names are kept without the {@code public} schema so
 * that {@code players} and {@code public.players} agree.
 *
 * <p>A table no migration seen created (it comes from a baseline, or from before the history) is not
 * {@linkplain #hasTable known}, but what ALTER TABLE statements tell about it (a column's new type, a
 * constraint added and validated) is still remembered.
 */
public final class SchemaState {

    /**
     * A CHECK constraint, with the columns it proves non-null ({@code CHECK (col IS NOT NULL)}), which lets
     * {@code SET NOT NULL} skip its scan of the table once it is validated (PostgreSQL 12+); most prove none.
     *
     * @param name           the constraint's name (PostgreSQL's generated {@code table_column_check} when unnamed)
     * @param expression     the expression as written
     * @param notNullColumns the columns the expression proves non-null
     * @param validated      whether every existing row is known to satisfy it (not added NOT VALID, or validated since)
     */
    public record NotNullCheck(String name, String expression, List<String> notNullColumns, boolean validated) {
        public NotNullCheck {
            notNullColumns = List.copyOf(notNullColumns);
        }
    }

    /** What is known of one column: {@code type} is as written, or {@code null} when no statement seen gave it. */
    private record Column(String type, boolean notNull, String addedBy) {
    }

    /** One table: created by a migration seen, or only altered by them. */
    private static final class Table {
        final String createdBy;
        final LinkedHashMap<String, Column> columns = new LinkedHashMap<>();
        final LinkedHashMap<String, NotNullCheck> checks = new LinkedHashMap<>();

        Table(String createdBy) {
            this.createdBy = createdBy;
        }

        boolean created() {
            return createdBy != null;
        }

        Table copy() {
            Table copy = new Table(createdBy);
            copy.columns.putAll(columns);
            copy.checks.putAll(checks);
            return copy;
        }

        void update(String column, UnaryOperator<Column> change) {
            columns.put(column, change.apply(columns.getOrDefault(column, new Column(null, false, null))));
        }
    }

    private final Map<String, Table> tables = new HashMap<>();
    /** What a second CREATE of the same name fails on, and who created it. */
    private CreatedObjects objects = new CreatedObjects();
    private final Map<String, String> typeCreatedBy = new HashMap<>();
    /** An index a migration created: its table, and the columns (or expressions) it lists. */
    private record Index(Command.Name table, List<String> columns) {
    }

    /** Index name → the index, for the indexes migrations created. */
    private final Map<String, Index> indexTables = new HashMap<>();

    /** The key a table or type is known by. */
    public static String key(Command.Name name) {
        if (name == null) {
            return "";
        }
        return name.schema() == null || name.schema().equals("public") ? name.name() : name.schema() + "." + name.name();
    }

    /** Whether a migration seen created the table (and it was not dropped since). */
    public boolean hasTable(Command.Name table) {
        Table t = table(key(table));
        return t != null && t.created();
    }

    /**
     * Whether earlier statements show the table exists: a migration seen created it, or altered it (a table from a
     * baseline or from before the history), and none dropped it since.
     */
    public boolean knowsTable(Command.Name table) {
        return table(key(table)) != null;
    }

    /** The migration that created the table, or {@code null} when no migration seen did. */
    public String tableCreatedBy(Command.Name table) {
        Table t = table(key(table));
        return t == null ? null : t.createdBy;
    }

    /** The table's known columns (empty when the table is unknown). */
    public Set<String> columns(Command.Name table) {
        Table t = table(key(table));
        return t == null || !t.created() ? Set.of() : Set.copyOf(t.columns.keySet());
    }

    /** The column's type as its CREATE TABLE, ADD COLUMN or last ALTER COLUMN TYPE wrote it, or {@code null}. */
    public String columnType(Command.Name table, String column) {
        Column c = column(table, column);
        return c == null ? null : c.type();
    }

    /** Whether the column is known to be NOT NULL (declared so, a primary key column, or SET NOT NULL since). */
    public boolean isNotNull(Command.Name table, String column) {
        Column c = column(table, column);
        return c != null && c.notNull();
    }

    /** The migration that created the column (with its table or by ADD COLUMN), or {@code null}. */
    public String columnAddedBy(Command.Name table, String column) {
        Column c = column(table, column);
        return c == null ? null : c.addedBy();
    }

    /** The CHECK constraints of the table that prove the column non-null, validated or not. */
    public List<NotNullCheck> notNullChecks(Command.Name table, String column) {
        Table t = table(key(table));
        if (t == null) {
            return List.of();
        }
        return t.checks.values().stream().filter(c -> c.notNullColumns().contains(column)).toList();
    }

    /** Whether the table has a validated CHECK constraint (of any expression) that migrations added. */
    public boolean hasValidatedCheck(Command.Name table) {
        Table t = table(key(table));
        return t != null && t.checks.values().stream().anyMatch(NotNullCheck::validated);
    }

    private Column column(Command.Name table, String column) {
        Table t = table(key(table));
        return t == null ? null : t.columns.get(column);
    }

    /** The migration that created the type, or {@code null}. */
    public String typeCreatedBy(String type) {
        if (live != null && savedTypes.containsKey(type)) {
            return savedTypes.get(type);
        }
        return (live != null ? live.typeCreatedBy : typeCreatedBy).get(type);
    }

    /** The table of an index a migration created, or {@code null} when none did. */
    public Command.Name indexTable(String index) {
        Index i = index(index);
        return i == null ? null : i.table();
    }

    private Index index(String index) {
        if (live != null && savedIndexes.containsKey(index)) {
            return savedIndexes.get(index);
        }
        return (live != null ? live.indexTables : indexTables).get(index);
    }

    /** The indexes migrations created on the table that list the column (alone or in an expression), sorted. */
    public List<String> indexesOn(Command.Name table, String column) {
        Set<String> names = new java.util.TreeSet<>((live != null ? live.indexTables : indexTables).keySet());
        if (live != null) {
            names.addAll(savedIndexes.keySet());
        }
        Pattern word = Pattern.compile("(?<![\\w$])" + Pattern.quote(column) + "(?![\\w$])");
        return names.stream().filter(name -> {
            Index i = index(name);
            return i != null && key(i.table()).equals(key(table))
                    && i.columns().stream().anyMatch(c -> c.equals(column) || word.matcher(c).find());
        }).toList();
    }

    /**
     * An object an unguarded CREATE (or a named ADD CONSTRAINT) collides with: what it is, its name, and the migration
     * that created it.
     */
    public record Collision(String kind, String name, String createdBy) {
    }

    /**
     * What the statement would collide with: an object of its name that a migration created and that the statements
     * seen since prove still exists; {@code null} when there is none, or the statement is guarded.
     */
    public Collision collision(Command command) {
        CreatedObjects.Creation creation = CreatedObjects.unguardedCreation(command);
        String[] creator = creation == null ? null : objects.provenCreator(creation.key());
        return creator == null ? null : new Collision(creator[1], creation.name(), creator[0]);
    }

    /**
     * Whether the functions of this name that migrations defined are VOLATILE (none says IMMUTABLE or STABLE), and
     * which migration defined one; {@code null} when that is not known.
     */
    public String volatileFunctionCreatedBy(String function) {
        CreatedObjects.Volatility v = objects.volatility(function);
        return v != null && v.volatility().equals("VOLATILE") ? v.createdBy() : null;
    }

    /** A migration whose statements are not known (code of another language): what it did is not proven. */
    public void unknownChanges() {
        objects.unknownEffect();
    }

    /** Applies a statement's effect, as done by {@code migration}. */
    public void apply(Command command, String migration) {
        objects.apply(command, migration);
        if (command instanceof Command.CreateIndex index && index.name() != null) {
            rememberIndex(index.name());
            indexTables.put(index.name(), new Index(index.table(), index.columns()));
        } else if (command instanceof Command.DropIndex drop) {
            drop.indexes().forEach(i -> {
                rememberIndex(i.name());
                indexTables.remove(i.name());
            });
        } else if (command instanceof Command.CreateTable t) {
            Table existing = table(key(t.table()));
            // a table created before stays (CREATE fails, or IF NOT EXISTS does nothing); one only known from
            // earlier statements on it is taken to exist by CREATE TABLE IF NOT EXISTS, which says it may
            if (existing == null || !existing.created() && !t.ifNotExists()) {
                createTable(t, migration);
            }
        } else if (command instanceof Command.DropTable d) {
            d.tables().forEach(n -> removeTable(key(n)));
        } else if (command instanceof Command.AlterTable a) {
            alter(a, migration);
        } else if (command instanceof Command.CreateType t) {
            putTypeIfAbsent(typeKey(t.type()), migration);
        } else if (command instanceof Command.RenameType r) {
            String from = typeKey(r.type());
            String creator = typeCreatedBy.get(from);
            remember(null, from);
            remember(null, r.newName());
            typeCreatedBy.remove(from);
            if (creator != null) {
                typeCreatedBy.put(r.newName(), creator);
            }
        } else if (command instanceof Command.DoBlock d) {
            d.createsTypes().forEach(type -> putTypeIfAbsent(type, migration));
        } else if (command instanceof Command.DropObject d && (d.kind().equals("TYPE") || d.kind().equals("DOMAIN"))) {
            d.names().forEach(n -> {
                remember(null, typeKey(n));
                typeCreatedBy.remove(typeKey(n));
            });
        } else if (command instanceof Command.CreateObject o && o.kind().equals("MATERIALIZED VIEW") && o.name() != null
                && !hasTable(o.name())) {
            // A materialized view is a relation with storage, indexed and locked like a table.
            putTable(key(o.name()), new Table(migration));
        } else if (command instanceof Command.DropObject d && d.kind().equals("MATERIALIZED VIEW")) {
            d.names().forEach(n -> removeTable(key(n)));
        } else if (command instanceof Command.Unrecognized unread) {
            // code that was not read may have created the tables it names: none is claimed to have been in use
            unread.mentions().stream().filter(n -> table(key(n)) == null).forEach(n -> putTable(key(n), new Table(migration)));
        }
    }

    /** Types are looked up by bare name: migrations rarely qualify them and enum names rarely clash. */
    public static String typeKey(Command.Name name) {
        return name.name();
    }

    private void createTable(Command.CreateTable create, String migration) {
        Table table = new Table(migration);
        for (Command.ColumnDef c : create.columns()) {
            table.columns.put(c.name(), new Column(c.type(), c.notNull() || c.primaryKey(), migration));
        }
        for (Command.ConstraintDef constraint : create.constraints()) {
            // CREATE TABLE validates every constraint: the table is empty.
            addConstraint(table, create.table(), constraint, true);
        }
        putTable(key(create.table()), table);
    }

    private void alter(Command.AlterTable alter, String migration) {
        String key = key(alter.table());
        remember(key, null);
        Table table = tables.computeIfAbsent(key, k -> new Table(null));
        for (Command.AlterAction action : alter.actions()) {
            if (action instanceof Command.AddColumn add) {
                Command.ColumnDef c = add.column();
                table.columns.putIfAbsent(c.name(), new Column(c.type(), c.notNull() || c.primaryKey(), migration));
            } else if (action instanceof Command.DropColumn drop) {
                table.columns.remove(drop.column());
                Pattern word = Pattern.compile("(?<![\\w$\"])\"?" + Pattern.quote(drop.column()) + "\"?(?![\\w$\"])");
                table.checks.values().removeIf(c -> c.notNullColumns().contains(drop.column())
                        || c.expression() != null && word.matcher(c.expression()).find());
            } else if (action instanceof Command.RenameColumn rename) {
                Column c = table.columns.remove(rename.from());
                if (c != null) {
                    table.columns.put(rename.to(), c);
                }
                table.checks.replaceAll((name, check) -> new NotNullCheck(name, check.expression(),
                        check.notNullColumns().stream().map(n -> n.equals(rename.from()) ? rename.to() : n).toList(),
                        check.validated()));
            } else if (action instanceof Command.RenameTable rename) {
                Command.Name renamed = new Command.Name(alter.table().schema(), rename.to());
                Table moved = removeTable(key);
                putTable(key(renamed), moved);
                return;
            } else if (action instanceof Command.AlterColumnType type) {
                table.update(type.column(), c -> new Column(type.type(), c.notNull(), c.addedBy()));
            } else if (action instanceof Command.SetNotNull set) {
                table.update(set.column(), c -> new Column(c.type(), true, c.addedBy()));
            } else if (action instanceof Command.DropNotNull drop) {
                table.update(drop.column(), c -> new Column(c.type(), false, c.addedBy()));
            } else if (action instanceof Command.AddConstraint add) {
                addConstraint(table, alter.table(), add.constraint(), !add.constraint().notValid());
            } else if (action instanceof Command.ValidateConstraint validate) {
                table.checks.computeIfPresent(validate.name(), (name, check) -> new NotNullCheck(name,
                        check.expression(), check.notNullColumns(), true));
            } else if (action instanceof Command.DropConstraint drop) {
                table.checks.remove(drop.name());
            } else if (action instanceof Command.RenameConstraint rename) {
                NotNullCheck check = table.checks.remove(rename.from());
                if (check != null) {
                    table.checks.put(rename.to(), new NotNullCheck(rename.to(), check.expression(),
                            check.notNullColumns(), check.validated()));
                }
            }
        }
    }

    private static void addConstraint(Table table, Command.Name tableName, Command.ConstraintDef constraint,
                                      boolean validated) {
        switch (constraint.kind()) {
            case PRIMARY_KEY -> constraint.columns().forEach(col -> table.update(col,
                    c -> new Column(c.type(), true, c.addedBy())));
            case NOT_NULL -> {
                if (validated) {
                    constraint.columns().forEach(col -> table.update(col, c -> new Column(c.type(), true, c.addedBy())));
                }
            }
            case CHECK -> {
                // every CHECK is kept: those that prove columns non-null, and the others (an ATTACH PARTITION skips
                // its scan on a validated one that implies the bound)
                List<String> notNull = provenNotNull(constraint.expression());
                String name = constraint.name() != null ? constraint.name()
                        : constraint.expression() == null ? null : generatedCheckName(tableName, constraint.expression());
                if (name != null) {
                    table.checks.put(name, new NotNullCheck(name, constraint.expression(), notNull, validated));
                }
            }
            default -> {
            }
        }
    }

    private static final Pattern WORD = Pattern.compile(
            "(::\\s*)?(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)(\\s*\\()?|'(?:[^']|'')*'");
    private static final Set<String> KEYWORDS = Set.of("is", "not", "null", "and", "or", "true", "false", "notnull",
            "isnull", "in", "like", "ilike", "between", "similar", "to", "escape", "any", "all", "some", "array", "case",
            "when", "then", "else", "end", "as", "distinct", "from", "unknown", "collate", "symmetric");

    /**
     * The name PostgreSQL gives an unnamed CHECK constraint: {@code table_column_check} when the expression uses
     * one column, {@code table_check} otherwise (a number is appended on a clash, which is not followed here).
     */
    static String generatedCheckName(Command.Name table, String expression) {
        Set<String> columns = new LinkedHashSet<>();
        Matcher m = WORD.matcher(expression);
        while (m.find()) {
            String word = m.group(2);
            if (word != null && m.group(1) == null && m.group(3) == null && !KEYWORDS.contains(word)) {
                columns.add(word.startsWith("\"") ? word.substring(1, word.length() - 1).replace("\"\"", "\"") : word);
            }
        }
        return table.name() + (columns.size() == 1 ? "_" + columns.iterator().next() : "") + "_check";
    }

    private static final Pattern IDENTIFIER = Pattern.compile("\"((?:[^\"]|\"\")+)\"|([a-z_][a-z0-9_$]*)");
    private static final Pattern NOT_NULL_TEST = Pattern.compile(
            "(?s)(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)\\s*(?:is\\s+not\\s+null|notnull)");
    private static final Pattern NOT_IS_NULL = Pattern.compile(
            "(?s)not\\s*\\(\\s*(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)\\s+is\\s+null\\s*\\)");

    /**
     * The columns a CHECK expression proves non-null: the {@code col IS NOT NULL} tests among its top-level AND
     * terms, as PostgreSQL's predicate prover finds them. Anything else proves nothing.
     */
    static List<String> provenNotNull(String expression) {
        List<String> columns = new ArrayList<>();
        if (expression == null) {
            return columns;
        }
        for (String term : andTerms(expression)) {
            String t = stripParentheses(term);
            Matcher m = NOT_NULL_TEST.matcher(t);
            if (!m.matches()) {
                m = NOT_IS_NULL.matcher(t);
                if (!m.matches()) {
                    continue;
                }
            }
            Matcher id = IDENTIFIER.matcher(m.group(1));
            if (id.matches()) {
                String column = id.group(1) != null ? id.group(1).replace("\"\"", "\"") : id.group(2);
                if (!columns.contains(column)) {
                    columns.add(column);
                }
            }
        }
        return columns;
    }

    /** The expression split at its top-level ANDs (outside parentheses, quotes and strings), outer parentheses removed. */
    private static List<String> andTerms(String expression) {
        String e = stripParentheses(expression);
        List<String> terms = new ArrayList<>();
        int depth = 0;
        int start = 0;
        char quote = 0;
        for (int i = 0; i < e.length(); i++) {
            char ch = e.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                }
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (depth == 0 && e.regionMatches(true, i, "and", 0, 3)
                    && (i == 0 || !isWordChar(e.charAt(i - 1))) && (i + 3 >= e.length() || !isWordChar(e.charAt(i + 3)))) {
                terms.add(e.substring(start, i));
                start = i + 3;
                i += 2;
            }
        }
        terms.add(e.substring(start));
        if (terms.size() == 1) {
            return List.of(e);
        }
        List<String> out = new ArrayList<>();
        for (String term : terms) {
            out.addAll(andTerms(term)); // a parenthesised term may hold ANDs of its own
        }
        return out;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '"';
    }

    /** The text without parentheses that enclose all of it. */
    private static String stripParentheses(String text) {
        String t = text.strip();
        while (t.startsWith("(") && t.endsWith(")") && closes(t)) {
            t = t.substring(1, t.length() - 1).strip();
        }
        return t;
    }

    /** Whether the parenthesis opening {@code t} is the one closing it. */
    private static boolean closes(String t) {
        int depth = 0;
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) == '(') {
                depth++;
            } else if (t.charAt(i) == ')' && --depth == 0) {
                return i == t.length() - 1;
            }
        }
        return false;
    }

    // ---- the state before a migration, without copying the schema ----

    /** For a snapshot: the state it was taken of; {@code null} for a live state. */
    private SchemaState live;
    /** For a snapshot: the entries the live state has changed since, as they were (a null value: absent). */
    private final Map<String, Table> savedTables = new HashMap<>();
    private final Map<String, String> savedTypes = new HashMap<>();
    private final Map<String, Index> savedIndexes = new HashMap<>();
    /** For a live state: the snapshot to save entries into before changing them, or {@code null}. */
    private SchemaState recording;

    /**
     * The state as it is now, as a read-only view that keeps answering so while this state moves on: it
     * saves only the entries this state changes afterwards, so taking one costs nothing however large
     * the schema is. Taking a new snapshot ends the previous one's recording.
     */
    public SchemaState snapshot() {
        SchemaState view = new SchemaState();
        view.live = this;
        view.objects = objects.snapshot();
        recording = view;
        return view;
    }

    private Table table(String key) {
        if (live == null) {
            return tables.get(key);
        }
        return savedTables.containsKey(key) ? savedTables.get(key) : live.tables.get(key);
    }

    /** Saves a table or type entry into the recording snapshot before this live state changes it. */
    private void remember(String tableKey, String typeKey) {
        if (live != null) {
            throw new IllegalStateException("a snapshot is read-only");
        }
        if (recording == null) {
            return;
        }
        if (tableKey != null && !recording.savedTables.containsKey(tableKey)) {
            Table current = tables.get(tableKey);
            recording.savedTables.put(tableKey, current == null ? null : current.copy());
        }
        if (typeKey != null && !recording.savedTypes.containsKey(typeKey)) {
            recording.savedTypes.put(typeKey, typeCreatedBy.get(typeKey));
        }
    }

    private void rememberIndex(String index) {
        if (live != null) {
            throw new IllegalStateException("a snapshot is read-only");
        }
        if (recording != null && !recording.savedIndexes.containsKey(index)) {
            recording.savedIndexes.put(index, indexTables.get(index));
        }
    }

    private void putTable(String key, Table table) {
        remember(key, null);
        tables.put(key, table);
    }

    private Table removeTable(String key) {
        remember(key, null);
        return tables.remove(key);
    }

    private void putTypeIfAbsent(String type, String migration) {
        remember(null, type);
        typeCreatedBy.putIfAbsent(type, migration);
    }
}
