package dev.schemaguard.lint;

import dev.schemaguard.io.InputException;
import dev.schemaguard.source.DjangoModule;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.PythonHeader;
import dev.schemaguard.source.PythonHeader.Kind;
import dev.schemaguard.source.PythonSyntax;
import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.Command.ColumnDef;
import dev.schemaguard.sql.Command.ConstraintDef;
import dev.schemaguard.sql.Command.ConstraintKind;
import dev.schemaguard.sql.Command.Name;
import dev.schemaguard.sql.SqlScript;
import dev.schemaguard.sql.SqlSyntaxException;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.StatementParser;
import dev.schemaguard.sql.StatementSplitter;
import dev.schemaguard.sql.Token;
import dev.schemaguard.sql.TokenKind;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code op.*} calls of an Alembic migration's {@code upgrade()} as the statements they
 * emit: {@code op.execute("...")} is SQL analysed like any SQL; {@code create_table}, {@code add_column},
 * {@code drop_column}, {@code alter_column}, {@code create_index}, ... become the same typed commands a
 * SQL migration would. A call that cannot be read without running Python is reported unrecognised.
 */
final class AlembicOperations {

    /** One statement of the migration and what it does; {@code inTransaction} is false inside autocommit_block(). */
    record Operation(Statement statement, Command command, boolean inTransaction) {
    }

    private final Migration migration;
    private final List<PythonHeader.Token> tokens;
    private final String[] lines;
    /** Each name the module imports from another module, and that module's dotted name. */
    private final Map<String, String> imports = new HashMap<>();
    /** The module's own functions: name and the position of their {@code def}. */
    private final Map<String, Integer> functions = new HashMap<>();
    /**
     * The names assigned SQL as string literals ({@code sql = """..."""}, {@code q = sa.text("...")}), anywhere in the
     * module, with the literals; a name assigned twice, or assigned anything else, is not known.
     */
    private final Map<String, List<PythonHeader.Token>> literals = new HashMap<>();
    private final Set<String> reassigned = new HashSet<>();
    /** The enum types {@code sa.Enum(name=...)} columns of created tables made so far in this migration. */
    private final Set<String> enumsCreated = new HashSet<>();
    private int pos;

    private AlembicOperations(Migration migration) {
        this.migration = migration;
        String text = migration.up().text();
        this.tokens = PythonHeader.tokens(text, migration.file());
        this.lines = text.split("\n", -1);
    }

    /**
     * The migration's statements, or one {@link Command.SyntaxError} where Python cannot compile the file: Alembic
     * then fails to load the versions folder, so nothing of it runs.
     */
    static List<Operation> of(Migration migration) {
        Optional<PythonSyntax.Problem> problem = PythonSyntax.firstProblem(migration.up().text(), migration.file());
        if (problem.isPresent()) {
            int line = problem.get().line();
            Statement at = new Statement(Statement.Kind.SQL, migration.file(), line, 1, line, "", List.of(), List.of());
            return List.of(new Operation(at, new Command.SyntaxError("Python cannot compile this revision (line "
                    + line + ": " + problem.get().message() + "), so Alembic cannot load its versions folder and "
                    + "runs no migration at all", true), true));
        }
        return new AlembicOperations(migration).upgrade();
    }

    /** Libraries whose functions, called as statements of a migration, change no schema Alembic does not see. */
    private static final Set<String> LIBRARIES = Set.of("alembic", "sqlalchemy", "sqlmodel", "typing",
            "typing_extensions", "__future__", "logging", "warnings", "os", "sys", "json", "datetime", "time", "uuid",
            "re", "textwrap", "enum", "collections", "itertools", "functools", "hashlib", "base64", "secrets", "random",
            "math", "decimal", "string", "pathlib", "copy", "dataclasses", "contextlib", "pydantic", "pytz", "dateutil");

    private List<Operation> upgrade() {
        readModule();
        Integer upgrade = functions.get("upgrade");
        return upgrade == null ? new ArrayList<>() : function(upgrade, new HashSet<>(Set.of("upgrade")));
    }

    /** The module's top-level imports and functions, and the names it assigns SQL literals. */
    private void readModule() {
        for (int i = 0; i < tokens.size(); i++) {
            PythonHeader.Token t = tokens.get(i);
            if (t.kind() == Kind.NAME && atLineStart(i) && i + 2 < tokens.size() && tokens.get(i + 1).kind() == Kind.OP
                    && tokens.get(i + 1).text().equals("=")) {
                int end = i + 2;
                while (end < tokens.size() && !isNewline(end)) {
                    end++;
                }
                List<PythonHeader.Token> value = sqlLiteral(tokens.subList(i + 2, end));
                if (value == null || literals.containsKey(t.text()) || reassigned.contains(t.text())) {
                    literals.remove(t.text());
                    reassigned.add(t.text());
                } else {
                    literals.put(t.text(), value);
                }
            }
            if (t.column() != 0 || t.kind() != Kind.NAME || !atLineStart(i)) {
                continue;
            }
            if (t.text().equals("def") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Kind.NAME) {
                functions.put(tokens.get(i + 1).text(), i);
            } else if (t.text().equals("from") && i + 1 < tokens.size()) {
                StringBuilder module = new StringBuilder();
                int k = i + 1;
                for (; k < tokens.size() && !isWord(k, "import") && !isNewline(k); k++) {
                    module.append(tokens.get(k).text());
                }
                for (k++; k < tokens.size() && !isNewline(k); k++) {
                    if (tokens.get(k).kind() == Kind.NAME && !isWord(k, "as")) {
                        // "x as y" binds y
                        boolean aliased = k + 2 < tokens.size() && isWord(k + 1, "as");
                        imports.put(aliased ? tokens.get(k + 2).text() : tokens.get(k).text(), module.toString());
                        k += aliased ? 2 : 0;
                    }
                }
            } else if (t.text().equals("import")) {
                for (int k = i + 1; k < tokens.size() && !isNewline(k); k++) {
                    if (tokens.get(k).kind() == Kind.NAME && !isWord(k, "as") && !tokens.get(k - 1).text().equals(".")) {
                        StringBuilder module = new StringBuilder(tokens.get(k).text());
                        int m = k + 1;
                        for (; m + 1 < tokens.size() && tokens.get(m).text().equals("."); m += 2) {
                            module.append('.').append(tokens.get(m + 1).text());
                        }
                        boolean aliased = m + 1 < tokens.size() && isWord(m, "as");
                        imports.put(aliased ? tokens.get(m + 1).text() : tokens.get(k).text(),
                                aliased ? module.toString() : tokens.get(k).text());
                        k = aliased ? m + 1 : m - 1;
                    }
                }
            }
        }
    }

    /** A block the reading is inside: an autocommit block, or a batch_alter_table block and its table. */
    private record Block(int column, boolean autocommit, String alias, List<PythonHeader.Token> table,
                         List<PythonHeader.Token> schema) {
    }

    /** What the branches of an if/elif/else chain seen so far do on PostgreSQL. */
    private static final class Chain {
        boolean someRuns;
        boolean noneRuns = true;

        DialectCondition.Truth next(DialectCondition.Truth condition) {
            DialectCondition.Truth runs = someRuns ? DialectCondition.Truth.FALSE
                    : noneRuns ? condition
                    : condition == DialectCondition.Truth.FALSE ? DialectCondition.Truth.FALSE
                    : DialectCondition.Truth.UNKNOWN;
            someRuns |= runs == DialectCondition.Truth.TRUE;
            noneRuns &= runs == DialectCondition.Truth.FALSE;
            return runs;
        }
    }

    /**
     * The operations of a module function's body, from its {@code def} on: its op.* calls, those of the module's own
     * functions it calls (read in its place), and what it cannot read said so.
     */
    private List<Operation> function(int def, Set<String> reading) {
        List<Operation> operations = new ArrayList<>();
        int column = tokens.get(def).column();
        int start = def;
        while (start < tokens.size() && !isNewline(start)) {
            start++;
        }
        Deque<Block> blocks = new ArrayDeque<>();
        Map<Integer, Chain> chains = new HashMap<>();
        for (pos = start + 1; pos < tokens.size(); pos++) {
            PythonHeader.Token t = tokens.get(pos);
            if (isNewline(pos)) {
                continue;
            }
            if (atLineStart(pos)) {
                if (t.column() <= column) {
                    break;
                }
                while (!blocks.isEmpty() && blocks.peek().column() >= t.column()) {
                    blocks.pop();
                }
                int indent = t.column();
                chains.keySet().removeIf(c -> c > indent || c == indent && !isWord(pos, "elif") && !isWord(pos, "else"));
                if (isWord(pos, "if") || isWord(pos, "elif") || isWord(pos, "else")) {
                    Chain chain = isWord(pos, "if") ? new Chain() : chains.getOrDefault(indent, new Chain());
                    chains.put(indent, chain);
                    int colon = headerColon(pos);
                    DialectCondition.Truth runs = chain.next(isWord(pos, "else") ? DialectCondition.Truth.TRUE
                            : DialectCondition.onPostgres(tokens.subList(pos + 1, colon < 0 ? pos + 1 : colon)));
                    if (runs == DialectCondition.Truth.FALSE) {
                        // a branch PostgreSQL never takes: its body is another database's
                        skipBlock(indent);
                        continue;
                    }
                } else if (isWord(pos, "with")) {
                    Block block = withBlock(indent);
                    if (block != null && block.alias() == null && !block.autocommit()) {
                        operations.add(new Operation(statementAt(t, "op.batch_alter_table(...)"), new Command.Unrecognized(
                                "op.batch_alter_table with recreate=\"always\" copies the table into a new one, which "
                                        + "SchemaGuard does not follow"), inTransaction(blocks)));
                        skipBlock(indent);
                        continue;
                    }
                    if (block != null) {
                        blocks.push(block);
                        pos = headerColon(pos);
                        continue;
                    }
                } else if (t.kind() == Kind.NAME && !t.text().equals("op") && callAhead(pos)
                        && blocks.stream().noneMatch(b -> t.text().equals(b.alias()))) {
                    operations.addAll(statementCall(t, reading, inTransaction(blocks)));
                    continue;
                }
            }
            Block batch = blocks.stream().filter(b -> b.alias() != null && isCallOf(pos, b.alias())).findFirst()
                    .orElse(null);
            if (isCallOf(pos, "op") || batch != null) {
                String name = tokens.get(pos + 2).text();
                int close = matching(pos + 3);
                List<List<PythonHeader.Token>> args = split(pos + 4, close);
                operations.addAll(batch == null ? operation(name, t, PythonArgs.of(args), inTransaction(blocks))
                        : operation(name, t, batchArgs(name, args, batch), inTransaction(blocks)));
                pos = close;
            }
        }
        return operations;
    }

    private static boolean inTransaction(Deque<Block> blocks) {
        return blocks.stream().noneMatch(Block::autocommit);
    }

    /** Moves the reading to the last token before the next line indented no deeper than {@code column}. */
    private void skipBlock(int column) {
        int k = pos + 1;
        while (k < tokens.size() && (isNewline(k) || !atLineStart(k) || tokens.get(k).column() > column)) {
            k++;
        }
        pos = k - 1;
    }

    /**
     * The block a {@code with} line opens: {@code autocommit_block()}, or {@code op.batch_alter_table(...) as x} (with
     * a {@code null} alias when it recreates the table); {@code null} for any other {@code with}.
     */
    private Block withBlock(int column) {
        if (lineHas(pos, "autocommit_block")) {
            return new Block(column, true, null, null, null);
        }
        if (!isCallOf(pos + 1, "op") || !tokens.get(pos + 3).text().equals("batch_alter_table")) {
            return null;
        }
        int close = matching(pos + 4);
        PythonArgs args = PythonArgs.of(split(pos + 5, close));
        List<PythonHeader.Token> recreate = args.keyword().get("recreate");
        if (recreate != null && recreate.size() == 1 && recreate.get(0).text().equals("always")) {
            return new Block(column, false, null, null, null);
        }
        String alias = close + 2 < tokens.size() && isWord(close + 1, "as") ? tokens.get(close + 2).text() : null;
        return alias == null ? null : new Block(column, false, alias, args.get(0, "table_name"), args.keyword().get("schema"));
    }

    /** Where each batch operation's op.* form takes the table, and the parameter's name. */
    private static final Map<String, Integer> TABLE_POSITION = Map.ofEntries(Map.entry("add_column", 0),
            Map.entry("alter_column", 0), Map.entry("drop_column", 0), Map.entry("create_index", 1),
            Map.entry("drop_index", 1), Map.entry("create_unique_constraint", 1), Map.entry("create_primary_key", 1),
            Map.entry("create_check_constraint", 1), Map.entry("drop_constraint", 1),
            Map.entry("create_foreign_key", 1));

    /** A batch operation's arguments as the op.* operation of the same name takes them: with the block's table. */
    private static PythonArgs batchArgs(String name, List<List<PythonHeader.Token>> raw, Block batch) {
        PythonArgs args = PythonArgs.of(raw);
        Integer position = TABLE_POSITION.get(name);
        if (position != null && batch.table() != null) {
            String keyword = name.equals("create_foreign_key") ? "source_table" : "table_name";
            if (args.positional().size() >= position) {
                args.positional().add(position, batch.table());
            } else {
                args.keyword().put(keyword, batch.table());
            }
        }
        if (batch.schema() != null) {
            args.keyword().putIfAbsent("schema", batch.schema());
        }
        return args;
    }

    /**
     * A statement that calls something other than {@code op}: {@code x.execute(...)} on a connection runs its SQL
     * like op.execute; a function of this module is read in its place; a function imported from the project is
     * said not to be read; anything else (print, logging) changes no schema.
     */
    private List<Operation> statementCall(PythonHeader.Token at, Set<String> reading, boolean inTransaction) {
        String name = at.text();
        int open = pos + 1;
        while (open < tokens.size() && !tokens.get(open).text().equals("(")) {
            open++;
        }
        int close = matching(open);
        boolean execute = open >= 2 && tokens.get(open - 1).text().equals("execute") && tokens.get(open - 2).text().equals(".");
        List<Operation> out = new ArrayList<>();
        if (execute && !imports.containsKey(name)) {
            out.addAll(execute(PythonArgs.of(split(open + 1, close)), at, inTransaction, joined(pos, open - 2)));
        } else if (open == pos + 1 && functions.containsKey(name) && !reading.contains(name)) {
            int resume = close;
            reading.add(name);
            out.addAll(function(functions.get(name), reading));
            reading.remove(name);
            pos = resume;
            return out;
        } else if (imports.containsKey(name) && isProjectCode(imports.get(name))) {
            String callee = joined(pos, open);
            // the names it is given may be tables it creates: no rule may take them for tables in use
            List<Name> mentioned = split(open + 1, close).stream()
                    .filter(arg -> arg.size() == 1 && arg.get(0).kind() == Kind.STRING && !arg.get(0).text().isBlank())
                    .map(arg -> new Name(null, arg.get(0).text())).toList();
            out.add(new Operation(statementAt(at, callee + "(...)"), new Command.Unrecognized(callee + "() is code of "
                    + "the project (from " + imports.get(name) + "), which SchemaGuard does not read: what it does to the "
                    + "schema is not checked, and later statements are checked without it", mentioned), inTransaction));
        }
        pos = close;
        return out;
    }

    /** Whether a module is the project's own code, which may change the schema: not a library, not logging. */
    private static boolean isProjectCode(String module) {
        List<String> parts = List.of(module.split("\\."));
        return !LIBRARIES.contains(parts.get(0)) && parts.stream().noneMatch(p -> p.startsWith("log"));
    }

    /** Whether the statement at {@code i} is a call: a name, maybe dotted, then an opening parenthesis. */
    private boolean callAhead(int i) {
        int k = i + 1;
        while (k + 1 < tokens.size() && tokens.get(k).text().equals(".") && tokens.get(k + 1).kind() == Kind.NAME) {
            k += 2;
        }
        return k < tokens.size() && tokens.get(k).text().equals("(") && matching(k) > 0;
    }

    private String joined(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < to; i++) {
            s.append(tokens.get(i).text());
        }
        return s.toString();
    }

    /** The position of the colon that ends the header starting at {@code i} (brackets are balanced), or -1. */
    private int headerColon(int i) {
        for (int k = i; k < tokens.size() && !isNewline(k); k++) {
            if (tokens.get(k).kind() == Kind.OP && tokens.get(k).text().equals("(")) {
                k = matching(k);
                if (k < 0) {
                    return -1;
                }
            } else if (tokens.get(k).kind() == Kind.OP && tokens.get(k).text().equals(":")) {
                return k;
            }
        }
        return -1;
    }

    private boolean isNewline(int i) {
        return tokens.get(i).kind() == Kind.OP && tokens.get(i).text().equals("\n");
    }

    private boolean isWord(int i, String word) {
        return i < tokens.size() && tokens.get(i).kind() == Kind.NAME && tokens.get(i).text().equals(word);
    }

    private boolean atLineStart(int i) {
        return i == 0 || tokens.get(i - 1).text().equals("\n") && tokens.get(i - 1).kind() == Kind.OP;
    }

    private boolean lineHas(int i, String word) {
        for (int k = i; k < tokens.size() && !tokens.get(k).text().equals("\n"); k++) {
            if (tokens.get(k).text().equals(word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code receiver.name(} starts at {@code i}, and not as part of a longer dotted name. */
    private boolean isCallOf(int i, String receiver) {
        return i + 3 < tokens.size() && tokens.get(i).kind() == Kind.NAME && tokens.get(i).text().equals(receiver)
                && (i == 0 || !tokens.get(i - 1).text().equals("."))
                && tokens.get(i + 1).text().equals(".") && tokens.get(i + 2).kind() == Kind.NAME
                && tokens.get(i + 3).text().equals("(");
    }

    private int matching(int open) {
        return closing(tokens, open);
    }

    /** The index of the bracket closing the one at {@code open}, or -1 when none does. */
    static int closing(List<PythonHeader.Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            String text = tokens.get(i).kind() == Kind.OP ? tokens.get(i).text() : "";
            if (text.equals("(") || text.equals("[") || text.equals("{")) {
                depth++;
            } else if ((text.equals(")") || text.equals("]") || text.equals("}")) && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The top-level comma-separated arguments between two indexes, just inside a call's parentheses. */
    private List<List<PythonHeader.Token>> split(int from, int to) {
        return to < from ? new ArrayList<>() : DjangoModule.items(tokens.subList(from - 1, to + 1));
    }

    private List<Operation> operation(String name, PythonHeader.Token at, PythonArgs args, boolean inTransaction) {
        Statement statement = statementAt(at, "op." + name + "(...)");
        List<Operation> out = new ArrayList<>();
        try {
            switch (name) {
                case "execute" -> {
                    return execute(args, at, inTransaction, "op");
                }
                case "create_table" -> {
                    Name table = name(string(args.get(0, "table_name")), args.keyword().get("schema"));
                    List<ColumnDef> columns = new ArrayList<>();
                    List<ConstraintDef> constraints = new ArrayList<>();
                    for (int i = 1; i < args.positional().size(); i++) {
                        List<PythonHeader.Token> item = args.positional().get(i);
                        String call = PythonArgs.callName(item);
                        if (call.endsWith("Column")) {
                            ColumnDef column = column(item, constraints);
                            implicitEnum(item, statement, inTransaction, out);
                            columns.add(column);
                        } else if (call.endsWith("PrimaryKeyConstraint")) {
                            constraints.add(new ConstraintDef(null, ConstraintKind.PRIMARY_KEY, false, null, List.of()));
                        } else if (call.endsWith("ForeignKeyConstraint")) {
                            constraints.add(new ConstraintDef(null, ConstraintKind.FOREIGN_KEY, false, null, List.of()));
                        } else if (call.endsWith("UniqueConstraint")) {
                            constraints.add(new ConstraintDef(null, ConstraintKind.UNIQUE, false, null, List.of()));
                        } else if (call.endsWith("CheckConstraint")) {
                            constraints.add(new ConstraintDef(null, ConstraintKind.CHECK, false, null, List.of()));
                        }
                    }
                    out.add(new Operation(statement, new Command.CreateTable(table, args.isTrue("if_not_exists"), false,
                            false, false, columns, constraints), inTransaction));
                }
                case "drop_table" -> out.add(new Operation(statement, new Command.DropTable(
                        List.of(name(string(args.get(0, "table_name")), args.keyword().get("schema"))),
                        args.isTrue("if_exists"), false), inTransaction));
                case "add_column" -> {
                    List<ConstraintDef> ignored = new ArrayList<>();
                    // Alembic's add_column emits no CREATE TYPE for an Enum column (only create_table does)
                    List<PythonHeader.Token> columnArg = args.get(1, "column");
                    out.add(alter(args, statement, inTransaction,
                            new Command.AddColumn(column(columnArg, ignored), args.isTrue("if_not_exists"))));
                }
                case "drop_column" -> out.add(alter(args, statement, inTransaction,
                        new Command.DropColumn(string(args.get(1, "column_name")), args.isTrue("if_exists"), false)));
                case "alter_column" -> out.add(alterColumn(args, statement, inTransaction));
                case "rename_table" -> out.add(new Operation(statement, new Command.AlterTable(
                        name(string(args.get(0, "old_table_name")), args.keyword().get("schema")), false,
                        List.of(new Command.RenameTable(string(args.get(1, "new_table_name"))))), inTransaction));
                case "create_index" -> out.add(new Operation(statement, new Command.CreateIndex(
                        string(args.get(0, "index_name")), name(string(args.get(1, "table_name")), args.keyword().get("schema")),
                        args.isTrue("unique"), args.isTrue("postgresql_concurrently"), args.isTrue("if_not_exists"),
                        strings(args.get(2, "columns"))), inTransaction));
                case "drop_index" -> out.add(new Operation(statement, new Command.DropIndex(
                        List.of(new Name(null, string(args.get(0, "index_name")))), args.isTrue("postgresql_concurrently"),
                        args.isTrue("if_exists")), inTransaction));
                case "create_foreign_key" -> out.add(alterAt(args, 1, "source_table", statement, inTransaction,
                        new Command.AddConstraint(new ConstraintDef(optionalString(args.get(0, "constraint_name")),
                                ConstraintKind.FOREIGN_KEY, args.isTrue("postgresql_not_valid"), null,
                                strings(args.get(3, "local_cols")), null,
                                literalName(args.get(2, "referent_table"), args.keyword().get("referent_schema")),
                                strings(args.get(4, "remote_cols"))))));
                case "create_unique_constraint" -> out.add(alterAt(args, 1, "table_name", statement, inTransaction,
                        new Command.AddConstraint(new ConstraintDef(optionalString(args.get(0, "constraint_name")),
                                ConstraintKind.UNIQUE, false, null, strings(args.get(2, "columns"))))));
                case "create_primary_key" -> out.add(alterAt(args, 1, "table_name", statement, inTransaction,
                        new Command.AddConstraint(new ConstraintDef(optionalString(args.get(0, "constraint_name")),
                                ConstraintKind.PRIMARY_KEY, false, null, strings(args.get(2, "columns"))))));
                case "create_check_constraint" -> out.add(alterAt(args, 1, "table_name", statement, inTransaction,
                        new Command.AddConstraint(new ConstraintDef(optionalString(args.get(0, "constraint_name")),
                                ConstraintKind.CHECK, args.isTrue("postgresql_not_valid"), null, List.of()))));
                case "drop_constraint" -> out.add(alterAt(args, 1, "table_name", statement, inTransaction,
                        new Command.DropConstraint(string(args.get(0, "constraint_name")), args.isTrue("if_exists"))));
                case "bulk_insert" -> out.add(new Operation(statement, new Command.Dml(Command.DmlKind.INSERT, null), inTransaction));
                case "get_bind", "get_context", "f", "inline_literal" -> {
                    // Helpers that emit no DDL by themselves.
                }
                default -> out.add(new Operation(statement, new Command.Unrecognized("op." + name
                        + " is not one of the operations SchemaGuard reads"), inTransaction));
            }
        } catch (NotLiteral e) {
            out.add(new Operation(statement, new Command.Unrecognized("op." + name + " with " + e.getMessage()
                    + ": SchemaGuard reads migrations without running them"), inTransaction));
        }
        return out;
    }

    /** SQLAlchemy Core's statements on rows ({@code sa.update(t)}, {@code table.insert()}): DML, no schema change. */
    private static final Map<String, Command.DmlKind> CORE_DML = Map.of("update", Command.DmlKind.UPDATE,
            "insert", Command.DmlKind.INSERT, "delete", Command.DmlKind.DELETE, "select", Command.DmlKind.SELECT);

    /**
     * What {@code receiver.execute(sql)} runs: a literal (or {@code sa.text} of one) is SQL read like any SQL, a
     * SQLAlchemy Core statement on rows is DML of an unknown table, anything else is built at run time.
     */
    /**
     * The string literals an expression is, unwrapped from {@code sa.text(...)} or {@code textwrap.dedent(...)}, or a
     * name assigned them; {@code null} when it is anything else.
     */
    private List<PythonHeader.Token> sqlLiteral(List<PythonHeader.Token> expression) {
        List<PythonHeader.Token> value = expression;
        String call = value.isEmpty() ? "" : PythonArgs.callName(value);
        while (!call.isEmpty() && (call.endsWith("text") || call.endsWith("dedent"))
                && value.get(value.size() - 1).text().equals(")")) {
            int open = 0;
            while (!value.get(open).text().equals("(")) {
                open++;
            }
            value = value.subList(open + 1, value.size() - 1);
            call = value.isEmpty() ? "" : PythonArgs.callName(value);
        }
        if (value.size() == 1 && value.get(0).kind() == Kind.NAME) {
            return literals.get(value.get(0).text());
        }
        return value.isEmpty() || value.stream().anyMatch(t -> t.kind() != Kind.STRING) ? null : value;
    }

    private List<Operation> execute(PythonArgs args, PythonHeader.Token at, boolean inTransaction, String receiver) {
        List<PythonHeader.Token> arg = args.get(0, "sqltext");
        String call = arg == null ? "" : PythonArgs.callName(arg);
        Command.DmlKind core = CORE_DML.get(call.substring(call.lastIndexOf('.') + 1));
        if (core != null) {
            return List.of(new Operation(statementAt(at, receiver + ".execute(...)"), new Command.Dml(core, null),
                    inTransaction));
        }
        arg = arg == null ? null : sqlLiteral(arg);
        if (arg == null) {
            return List.of(new Operation(statementAt(at, receiver + ".execute(...)"), new Command.Unrecognized(
                    receiver + ".execute with SQL built at run time"), inTransaction));
        }
        StringBuilder sql = new StringBuilder();
        arg.forEach(t -> sql.append(t.text()));
        PythonHeader.Token literal = arg.get(0);
        SqlScript script;
        try {
            script = StatementSplitter.split(migration.file(), sql.toString(), literal.line());
        } catch (SqlSyntaxException notSql) {
            int line = notSql.line();
            return List.of(new Operation(new Statement(Statement.Kind.SQL, migration.file(), line, 1, line, "",
                    List.of(), pythonComments(at.line())), new Command.SyntaxError(notSql.reason()), inTransaction));
        }
        List<Operation> out = new ArrayList<>();
        for (Statement s : script.statements()) {
            // The SQL's own comments do not hold suppressions; the Python comments above the call do.
            Statement located = new Statement(s.kind(), s.file(), s.line(), s.column(), s.endLine(), s.text(), s.tokens(),
                    out.isEmpty() ? pythonComments(at.line()) : List.of());
            out.add(new Operation(located, StatementParser.parse(s), inTransaction));
        }
        return out;
    }

    private Operation alterColumn(PythonArgs args, Statement statement, boolean inTransaction) {
        String column = string(args.get(1, "column_name"));
        List<Command.AlterAction> actions = new ArrayList<>();
        if (args.keyword().containsKey("type_")) {
            List<PythonHeader.Token> using = args.keyword().get("postgresql_using");
            actions.add(new Command.AlterColumnType(column, sqlType(args.keyword().get("type_")), using != null,
                    using == null ? null : using.stream().allMatch(t -> t.kind() == Kind.STRING) ? string(using)
                            : pythonText(using),
                    args.keyword().containsKey("existing_type") ? sqlType(args.keyword().get("existing_type")) : null));
        }
        List<PythonHeader.Token> nullable = args.keyword().get("nullable");
        if (nullable != null && nullable.size() == 1) {
            actions.add(nullable.get(0).text().equals("False") ? new Command.SetNotNull(column) : new Command.DropNotNull(column));
        }
        List<PythonHeader.Token> serverDefault = args.keyword().get("server_default");
        if (serverDefault != null) {
            actions.add(serverDefault.size() == 1 && serverDefault.get(0).text().equals("None")
                    ? new Command.DropDefault(column) : new Command.SetDefault(column, defaultText(serverDefault)));
        }
        if (args.keyword().containsKey("new_column_name")) {
            actions.add(new Command.RenameColumn(column, string(args.keyword().get("new_column_name"))));
        }
        return new Operation(statement, new Command.AlterTable(name(string(args.get(0, "table_name")),
                args.keyword().get("schema")), false, actions), inTransaction);
    }

    private Operation alter(PythonArgs args, Statement statement, boolean inTransaction, Command.AlterAction action) {
        return alterAt(args, 0, "table_name", statement, inTransaction, action);
    }

    private Operation alterAt(PythonArgs args, int tableIndex, String tableKeyword, Statement statement, boolean inTransaction,
                              Command.AlterAction action) {
        Name table = name(string(args.get(tableIndex, tableKeyword)), args.keyword().get("schema"));
        return new Operation(statement, new Command.AlterTable(table, false, List.of(action)), inTransaction);
    }

    /** {@code sa.Enum(..., name="x")} makes SQLAlchemy emit CREATE TYPE x first, unless create_type=False. */
    private void implicitEnum(List<PythonHeader.Token> column, Statement statement, boolean inTransaction,
                              List<Operation> out) {
        if (column == null) {
            return;
        }
        for (int i = 0; i + 2 < column.size(); i++) {
            PythonHeader.Token t = column.get(i);
            if (t.kind() == Kind.NAME && (t.text().equals("Enum") || t.text().equals("ENUM"))
                    && column.get(i + 1).text().equals("(")) {
                int close = i + 1;
                int depth = 0;
                for (int k = i + 1; k < column.size(); k++) {
                    String text = column.get(k).text();
                    if (text.equals("(")) {
                        depth++;
                    } else if (text.equals(")") && --depth == 0) {
                        close = k;
                        break;
                    }
                }
                List<PythonHeader.Token> inner = column.subList(i + 2, close);
                String typeName = null;
                boolean createType = true;
                List<String> labels = new ArrayList<>();
                for (int k = 0; k < inner.size(); k++) {
                    PythonHeader.Token a = inner.get(k);
                    if (a.kind() == Kind.NAME && k + 2 < inner.size() && inner.get(k + 1).text().equals("=")) {
                        if (a.text().equals("name") && inner.get(k + 2).kind() == Kind.STRING) {
                            typeName = inner.get(k + 2).text();
                        } else if (a.text().equals("create_type") && inner.get(k + 2).text().equals("False")) {
                            createType = false;
                        }
                        k += 2;
                    } else if (a.kind() == Kind.STRING) {
                        labels.add(a.text());
                    }
                }
                // Alembic remembers the enums it created while it runs (DefaultImpl.memo): one CREATE TYPE each
                if (typeName != null && createType && enumsCreated.add(typeName)) {
                    out.add(new Operation(statement, new Command.CreateType(new Name(null, typeName), Command.TypeKind.ENUM,
                            labels), inTransaction));
                }
            }
        }
    }

    private ColumnDef column(List<PythonHeader.Token> call, List<ConstraintDef> constraints) {
        if (call == null || !PythonArgs.callName(call).endsWith("Column")) {
            throw new NotLiteral("a column that is not an sa.Column(...)");
        }
        int open = 0;
        while (open < call.size() && !call.get(open).text().equals("(")) {
            open++;
        }
        List<List<PythonHeader.Token>> inner = splitList(call.subList(open + 1, call.size() - 1));
        PythonArgs args = PythonArgs.of(inner);
        String name = string(args.get(0, "name"));
        String pythonType = args.positional().size() > 1 ? pythonText(args.positional().get(1)) : "";
        String type = args.positional().size() > 1 ? sqlType(args.positional().get(1)) : "";
        boolean primaryKey = args.isTrue("primary_key");
        List<PythonHeader.Token> nullable = args.keyword().get("nullable");
        boolean notNull = primaryKey || nullable != null && nullable.size() == 1 && nullable.get(0).text().equals("False");
        List<PythonHeader.Token> serverDefault = args.keyword().get("server_default");
        String defaultExpression = serverDefault == null || serverDefault.size() == 1 && serverDefault.get(0).text().equals("None")
                ? null : defaultText(serverDefault);
        boolean references = false;
        for (List<PythonHeader.Token> positional : args.positional()) {
            if (PythonArgs.callName(positional).endsWith("ForeignKey")) {
                references = true;
                constraints.add(new ConstraintDef(null, ConstraintKind.FOREIGN_KEY, false, null, List.of(name)));
            }
        }
        boolean identity = args.positional().stream().anyMatch(p -> PythonArgs.callName(p).endsWith("Identity"))
                || pythonType.contains("Serial") || pythonType.contains("SERIAL");
        return new ColumnDef(name, type, notNull, defaultExpression, primaryKey, args.isTrue("unique"), references,
                false, identity);
    }

    private static List<List<PythonHeader.Token>> splitList(List<PythonHeader.Token> tokens) {
        List<List<PythonHeader.Token>> args = new ArrayList<>();
        List<PythonHeader.Token> current = new ArrayList<>();
        int depth = 0;
        for (PythonHeader.Token t : tokens) {
            String text = t.kind() == Kind.OP ? t.text() : "";
            if (depth == 0 && text.equals(",")) {
                args.add(current);
                current = new ArrayList<>();
                continue;
            }
            if (text.equals("(") || text.equals("[")) {
                depth++;
            } else if (text.equals(")") || text.equals("]")) {
                depth--;
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            args.add(current);
        }
        return args;
    }

    /** A server default as SQL: {@code sa.text("now()")} or a string literal (which SQLAlchemy quotes). */
    private static String defaultText(List<PythonHeader.Token> value) {
        String call = PythonArgs.callName(value);
        if ((call.endsWith("text") || call.endsWith("literal_column")) && value.size() > 2
                && value.get(2).kind() == Kind.STRING) {
            return value.get(2).text();
        }
        if (value.size() == 1 && value.get(0).kind() == Kind.STRING) {
            return "'" + value.get(0).text().replace("'", "''") + "'";
        }
        if (call.endsWith("func.now") || call.endsWith("func.current_timestamp")) {
            return "now()";
        }
        return pythonText(value);
    }

    /** SQLAlchemy type classes and the PostgreSQL type each stands for (with its arguments as modifiers). */
    private static final Map<String, String> SQL_TYPES = Map.ofEntries(
            Map.entry("String", "varchar"), Map.entry("VARCHAR", "varchar"),
            Map.entry("Unicode", "varchar"), Map.entry("NVARCHAR", "varchar"),
            Map.entry("Text", "text"), Map.entry("TEXT", "text"),
            Map.entry("UnicodeText", "text"), Map.entry("CHAR", "char"),
            Map.entry("Integer", "integer"), Map.entry("INTEGER", "integer"),
            Map.entry("INT", "integer"), Map.entry("BigInteger", "bigint"),
            Map.entry("BIGINT", "bigint"), Map.entry("SmallInteger", "smallint"),
            Map.entry("SMALLINT", "smallint"), Map.entry("Numeric", "numeric"),
            Map.entry("NUMERIC", "numeric"), Map.entry("DECIMAL", "numeric"),
            Map.entry("Boolean", "boolean"), Map.entry("BOOLEAN", "boolean"),
            Map.entry("Date", "date"), Map.entry("DATE", "date"),
            Map.entry("Interval", "interval"), Map.entry("INTERVAL", "interval"),
            Map.entry("LargeBinary", "bytea"), Map.entry("BYTEA", "bytea"),
            Map.entry("JSON", "json"), Map.entry("JSONB", "jsonb"),
            Map.entry("UUID", "uuid"), Map.entry("Uuid", "uuid"),
            Map.entry("INET", "inet"), Map.entry("CIDR", "cidr"),
            Map.entry("TSVECTOR", "tsvector"), Map.entry("CITEXT", "citext"),
            Map.entry("REAL", "real"), Map.entry("DOUBLE_PRECISION", "double precision"));

    /**
     * The PostgreSQL type a SQLAlchemy type expression makes ({@code sa.String(length=100)} is {@code varchar(100)},
     * {@code sa.DateTime(timezone=True)} is {@code timestamptz}, {@code sa.Enum(..., name="x")} is {@code x}); the
     * Python text when it is not one SchemaGuard knows.
     */
    private static String sqlType(List<PythonHeader.Token> expression) {
        String call = PythonArgs.callName(expression);
        PythonArgs args;
        if (call.isEmpty() && !expression.isEmpty()
                && expression.stream().allMatch(t -> t.kind() == Kind.NAME || t.text().equals("."))) {
            // the class itself (sa.DateTime) stands for its instance without arguments
            call = pythonText(expression);
            args = PythonArgs.of(List.of());
        } else if (call.isEmpty() || !expression.get(expression.size() - 1).text().equals(")")) {
            return pythonText(expression);
        } else {
            int open = 0;
            while (!expression.get(open).text().equals("(")) {
                open++;
            }
            args = PythonArgs.of(splitList(expression.subList(open + 1, expression.size() - 1)));
        }
        String simple = call.substring(call.lastIndexOf('.') + 1);
        if (simple.equals("DateTime") || simple.equals("TIMESTAMP") || simple.equals("Time") || simple.equals("TIME")) {
            String base = simple.equals("Time") || simple.equals("TIME") ? "time" : "timestamp";
            return args.isTrue("timezone") ? base + "tz" : base;
        }
        if (simple.equals("Enum") || simple.equals("ENUM")) {
            List<PythonHeader.Token> name = args.keyword().get("name");
            return name != null && name.size() == 1 && name.get(0).kind() == Kind.STRING ? name.get(0).text()
                    : pythonText(expression);
        }
        String base = SQL_TYPES.get(simple);
        if (base == null) {
            return pythonText(expression);
        }
        List<String> modifiers = new ArrayList<>();
        for (String keyword : List.of("length", "precision", "scale")) {
            List<PythonHeader.Token> value = args.keyword().get(keyword);
            if (value != null && value.size() == 1 && value.get(0).kind() == Kind.NUMBER) {
                modifiers.add(value.get(0).text());
            } else if (value != null) {
                return pythonText(expression);
            }
        }
        for (List<PythonHeader.Token> value : args.positional()) {
            if (value.size() == 1 && value.get(0).kind() == Kind.NUMBER) {
                modifiers.add(value.get(0).text());
            } else {
                return pythonText(expression);
            }
        }
        boolean typmods = base.equals("varchar") || base.equals("char") || base.equals("numeric");
        if (!typmods && !modifiers.isEmpty() || modifiers.size() > (base.equals("numeric") ? 2 : 1)
                || !args.keyword().keySet().stream().allMatch(k -> List.of("length", "precision", "scale", "collation",
                "asdecimal", "as_uuid", "none_as_null", "astext_type").contains(k))) {
            return pythonText(expression);
        }
        return modifiers.isEmpty() ? base : base + "(" + String.join(",", modifiers) + ")";
    }

    private static String pythonText(List<PythonHeader.Token> expression) {
        StringBuilder s = new StringBuilder();
        for (PythonHeader.Token t : expression) {
            s.append(t.kind() == Kind.STRING ? "'" + t.text() + "'" : t.text());
        }
        return s.toString();
    }

    private static final class NotLiteral extends RuntimeException {
        NotLiteral(String message) {
            super(message, null, false, false);
        }
    }

    private static String string(List<PythonHeader.Token> value) {
        if (value != null && value.size() == 6 && value.get(0).kind() == Kind.NAME && value.get(1).text().equals(".")
                && value.get(2).text().equals("f") && value.get(3).text().equals("(")
                && value.get(4).kind() == Kind.STRING && value.get(5).text().equals(")")) {
            // op.f("ix_name") (batch_op.f in a batch) marks a name as final (no naming convention applied): the name
            // is the literal.
            return value.get(4).text();
        }
        if (value == null || value.isEmpty() || value.stream().anyMatch(t -> t.kind() != Kind.STRING)) {
            throw new NotLiteral(value == null ? "a missing argument" : "a computed name");
        }
        StringBuilder s = new StringBuilder();
        value.forEach(t -> s.append(t.text()));
        return s.toString();
    }

    private static String optionalString(List<PythonHeader.Token> value) {
        return value == null || value.size() == 1 && value.get(0).text().equals("None") ? null : string(value);
    }

    private static List<String> strings(List<PythonHeader.Token> value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            value.stream().filter(t -> t.kind() == Kind.STRING).forEach(t -> out.add(t.text()));
        }
        return out;
    }

    private static Name name(String table, List<PythonHeader.Token> schema) {
        return new Name(schema == null || schema.isEmpty() || schema.get(0).kind() != Kind.STRING ? null
                : schema.get(0).text(), table);
    }

    /** The table a string literal names, or {@code null} when it is computed. */
    private static Name literalName(List<PythonHeader.Token> table, List<PythonHeader.Token> schema) {
        return table == null || table.isEmpty() || table.stream().anyMatch(t -> t.kind() != Kind.STRING) ? null
                : name(string(table), schema);
    }

    private Statement statementAt(PythonHeader.Token at, String text) {
        return new Statement(Statement.Kind.SQL, migration.file(), at.line(), at.column() + 1, at.line(), text, List.of(),
                pythonComments(at.line()));
    }

    private List<Token> pythonComments(int line) {
        return commentsAbove(lines, line);
    }

    /** The run of {@code #} comment lines directly above a line, as comment tokens (suppressions live there). */
    static List<Token> commentsAbove(String[] lines, int line) {
        List<Token> comments = new ArrayList<>();
        for (int l = line - 2; l >= 0 && lines[l].strip().startsWith("#"); l--) {
            comments.add(0, new Token(TokenKind.COMMENT, lines[l].strip(), lines[l].strip(), 0, l + 1, 1));
        }
        return comments;
    }
}
