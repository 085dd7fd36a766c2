package dev.schemaguard.lint;

import dev.schemaguard.io.InputException;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.PythonHeader;
import dev.schemaguard.source.PythonHeader.Kind;
import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.Command.ColumnDef;
import dev.schemaguard.sql.Command.ConstraintDef;
import dev.schemaguard.sql.Command.ConstraintKind;
import dev.schemaguard.sql.Command.Name;
import dev.schemaguard.sql.SqlScript;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.StatementParser;
import dev.schemaguard.sql.StatementSplitter;
import dev.schemaguard.sql.Token;
import dev.schemaguard.sql.TokenKind;

import java.util.ArrayList;
import java.util.List;

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
    private int pos;

    private AlembicOperations(Migration migration) {
        this.migration = migration;
        String text = migration.up().text();
        this.tokens = PythonHeader.tokens(text, migration.file());
        this.lines = text.split("\n", -1);
    }

    static List<Operation> of(Migration migration) {
        return new AlembicOperations(migration).upgrade();
    }

    private List<Operation> upgrade() {
        List<Operation> operations = new ArrayList<>();
        int start = findUpgrade();
        if (start < 0) {
            return operations;
        }
        int autocommitColumn = -1;
        for (pos = start; pos < tokens.size(); pos++) {
            PythonHeader.Token t = tokens.get(pos);
            if (t.column() == 0 && t.kind() != Kind.OP) {
                break;
            }
            if (atLineStart(pos) && autocommitColumn >= 0 && t.column() <= autocommitColumn) {
                autocommitColumn = -1;
            }
            if (t.kind() == Kind.NAME && t.text().equals("with") && lineHas(pos, "autocommit_block")) {
                autocommitColumn = t.column();
            }
            if (isOpCall(pos)) {
                String name = tokens.get(pos + 2).text();
                int open = pos + 3;
                int close = matching(open);
                if (close < 0) {
                    // Python cannot import the file either: the call runs to the end of it.
                    throw new InputException(migration.file(), t.line(), "op." + name + "( is never closed: the "
                            + "file ends inside the call, so Python cannot import this migration");
                }
                List<List<PythonHeader.Token>> args = split(open + 1, close);
                operations.addAll(operation(name, t, args, autocommitColumn < 0));
                pos = close;
            }
        }
        return operations;
    }

    private int findUpgrade() {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            PythonHeader.Token t = tokens.get(i);
            if (t.kind() == Kind.NAME && t.text().equals("def") && t.column() == 0 && tokens.get(i + 1).text().equals("upgrade")) {
                for (int j = i + 2; j < tokens.size(); j++) {
                    if (tokens.get(j).text().equals("\n")) {
                        return j + 1;
                    }
                }
            }
        }
        return -1;
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

    private boolean isOpCall(int i) {
        return i + 3 < tokens.size() && tokens.get(i).kind() == Kind.NAME && tokens.get(i).text().equals("op")
                && (i == 0 || !tokens.get(i - 1).text().equals("."))
                && tokens.get(i + 1).text().equals(".") && tokens.get(i + 2).kind() == Kind.NAME
                && tokens.get(i + 3).text().equals("(");
    }

    private int matching(int open) {
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

    /** The top-level comma-separated arguments between two indexes. */
    private List<List<PythonHeader.Token>> split(int from, int to) {
        List<List<PythonHeader.Token>> args = new ArrayList<>();
        List<PythonHeader.Token> current = new ArrayList<>();
        int depth = 0;
        for (int i = from; i < to; i++) {
            PythonHeader.Token t = tokens.get(i);
            String text = t.kind() == Kind.OP ? t.text() : "";
            if (depth == 0 && text.equals(",")) {
                args.add(current);
                current = new ArrayList<>();
                continue;
            }
            if (text.equals("(") || text.equals("[") || text.equals("{")) {
                depth++;
            } else if (text.equals(")") || text.equals("]") || text.equals("}")) {
                depth--;
            }
            current.add(t);
        }
        if (!current.isEmpty()) {
            args.add(current);
        }
        return args;
    }

    /** Positional and keyword arguments of one call. */
    private record Args(List<List<PythonHeader.Token>> positional, java.util.Map<String, List<PythonHeader.Token>> keyword) {
        static Args of(List<List<PythonHeader.Token>> raw) {
            List<List<PythonHeader.Token>> positional = new ArrayList<>();
            java.util.Map<String, List<PythonHeader.Token>> keyword = new java.util.HashMap<>();
            for (List<PythonHeader.Token> arg : raw) {
                if (arg.size() >= 2 && arg.get(0).kind() == Kind.NAME && arg.get(1).kind() == Kind.OP
                        && arg.get(1).text().equals("=")) {
                    keyword.put(arg.get(0).text(), arg.subList(2, arg.size()));
                } else {
                    positional.add(arg);
                }
            }
            return new Args(positional, keyword);
        }

        List<PythonHeader.Token> get(int index, String keywordName) {
            if (keyword.containsKey(keywordName)) {
                return keyword.get(keywordName);
            }
            return index >= 0 && index < positional.size() ? positional.get(index) : null;
        }

        boolean isTrue(String keywordName) {
            List<PythonHeader.Token> value = keyword.get(keywordName);
            return value != null && value.size() == 1 && value.get(0).text().equals("True");
        }
    }

    private List<Operation> operation(String name, PythonHeader.Token at, List<List<PythonHeader.Token>> raw,
                                      boolean inTransaction) {
        Args args = Args.of(raw);
        Statement statement = statementAt(at, "op." + name + "(...)");
        List<Operation> out = new ArrayList<>();
        try {
            switch (name) {
                case "execute" -> {
                    return execute(args, at, inTransaction);
                }
                case "create_table" -> {
                    Name table = name(string(args.get(0, "table_name")), args.keyword.get("schema"));
                    List<ColumnDef> columns = new ArrayList<>();
                    List<ConstraintDef> constraints = new ArrayList<>();
                    for (int i = 1; i < args.positional.size(); i++) {
                        List<PythonHeader.Token> item = args.positional.get(i);
                        String call = callName(item);
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
                        List.of(name(string(args.get(0, "table_name")), args.keyword.get("schema"))),
                        args.isTrue("if_exists"), false), inTransaction));
                case "add_column" -> {
                    List<ConstraintDef> ignored = new ArrayList<>();
                    List<PythonHeader.Token> columnArg = args.get(1, "column");
                    implicitEnum(columnArg, statement, inTransaction, out);
                    out.add(alter(args, statement, inTransaction,
                            new Command.AddColumn(column(columnArg, ignored), args.isTrue("if_not_exists"))));
                }
                case "drop_column" -> out.add(alter(args, statement, inTransaction,
                        new Command.DropColumn(string(args.get(1, "column_name")), args.isTrue("if_exists"), false)));
                case "alter_column" -> out.add(alterColumn(args, statement, inTransaction));
                case "rename_table" -> out.add(new Operation(statement, new Command.AlterTable(
                        name(string(args.get(0, "old_table_name")), args.keyword.get("schema")), false,
                        List.of(new Command.RenameTable(string(args.get(1, "new_table_name"))))), inTransaction));
                case "create_index" -> out.add(new Operation(statement, new Command.CreateIndex(
                        string(args.get(0, "index_name")), name(string(args.get(1, "table_name")), args.keyword.get("schema")),
                        args.isTrue("unique"), args.isTrue("postgresql_concurrently"), args.isTrue("if_not_exists"),
                        strings(args.get(2, "columns"))), inTransaction));
                case "drop_index" -> out.add(new Operation(statement, new Command.DropIndex(
                        List.of(new Name(null, string(args.get(0, "index_name")))), args.isTrue("postgresql_concurrently"),
                        args.isTrue("if_exists")), inTransaction));
                case "create_foreign_key" -> out.add(alterAt(args, 1, "source_table", statement, inTransaction,
                        new Command.AddConstraint(new ConstraintDef(optionalString(args.get(0, "constraint_name")),
                                ConstraintKind.FOREIGN_KEY, args.isTrue("postgresql_not_valid"), null,
                                strings(args.get(3, "local_cols"))))));
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

    private List<Operation> execute(Args args, PythonHeader.Token at, boolean inTransaction) {
        List<PythonHeader.Token> arg = args.get(0, "sqltext");
        if (arg != null && callName(arg).endsWith("text")) {
            int open = 0;
            while (!arg.get(open).text().equals("(")) {
                open++;
            }
            arg = arg.subList(open + 1, arg.size() - 1);
        }
        if (arg == null || arg.isEmpty() || arg.stream().anyMatch(t -> t.kind() != Kind.STRING)) {
            return List.of(new Operation(statementAt(at, "op.execute(...)"), new Command.Unrecognized(
                    "op.execute with SQL built at run time"), inTransaction));
        }
        StringBuilder sql = new StringBuilder();
        arg.forEach(t -> sql.append(t.text()));
        PythonHeader.Token literal = arg.get(0);
        SqlScript script = StatementSplitter.split(migration.file(), sql.toString(), literal.line());
        List<Operation> out = new ArrayList<>();
        for (Statement s : script.statements()) {
            // The SQL's own comments do not hold suppressions; the Python comments above the call do.
            Statement located = new Statement(s.kind(), s.file(), s.line(), s.column(), s.endLine(), s.text(), s.tokens(),
                    out.isEmpty() ? pythonComments(at.line()) : List.of());
            out.add(new Operation(located, StatementParser.parse(s), inTransaction));
        }
        return out;
    }

    private Operation alterColumn(Args args, Statement statement, boolean inTransaction) {
        String column = string(args.get(1, "column_name"));
        List<Command.AlterAction> actions = new ArrayList<>();
        if (args.keyword.containsKey("type_")) {
            List<PythonHeader.Token> using = args.keyword.get("postgresql_using");
            actions.add(new Command.AlterColumnType(column, sqlType(args.keyword.get("type_")), using != null,
                    using == null ? null : using.stream().allMatch(t -> t.kind() == Kind.STRING) ? string(using)
                            : pythonText(using),
                    args.keyword.containsKey("existing_type") ? sqlType(args.keyword.get("existing_type")) : null));
        }
        List<PythonHeader.Token> nullable = args.keyword.get("nullable");
        if (nullable != null && nullable.size() == 1) {
            actions.add(nullable.get(0).text().equals("False") ? new Command.SetNotNull(column) : new Command.DropNotNull(column));
        }
        List<PythonHeader.Token> serverDefault = args.keyword.get("server_default");
        if (serverDefault != null) {
            actions.add(serverDefault.size() == 1 && serverDefault.get(0).text().equals("None")
                    ? new Command.DropDefault(column) : new Command.SetDefault(column, defaultText(serverDefault)));
        }
        if (args.keyword.containsKey("new_column_name")) {
            actions.add(new Command.RenameColumn(column, string(args.keyword.get("new_column_name"))));
        }
        return new Operation(statement, new Command.AlterTable(name(string(args.get(0, "table_name")),
                args.keyword.get("schema")), false, actions), inTransaction);
    }

    private Operation alter(Args args, Statement statement, boolean inTransaction, Command.AlterAction action) {
        return alterAt(args, 0, "table_name", statement, inTransaction, action);
    }

    private Operation alterAt(Args args, int tableIndex, String tableKeyword, Statement statement, boolean inTransaction,
                              Command.AlterAction action) {
        Name table = name(string(args.get(tableIndex, tableKeyword)), args.keyword.get("schema"));
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
                if (typeName != null && createType) {
                    out.add(new Operation(statement, new Command.CreateType(new Name(null, typeName), Command.TypeKind.ENUM,
                            labels), inTransaction));
                }
            }
        }
    }

    private ColumnDef column(List<PythonHeader.Token> call, List<ConstraintDef> constraints) {
        if (call == null || !callName(call).endsWith("Column")) {
            throw new NotLiteral("a column that is not an sa.Column(...)");
        }
        int open = 0;
        while (open < call.size() && !call.get(open).text().equals("(")) {
            open++;
        }
        List<List<PythonHeader.Token>> inner = splitList(call.subList(open + 1, call.size() - 1));
        Args args = Args.of(inner);
        String name = string(args.get(0, "name"));
        String pythonType = args.positional.size() > 1 ? pythonText(args.positional.get(1)) : "";
        String type = args.positional.size() > 1 ? sqlType(args.positional.get(1)) : "";
        boolean primaryKey = args.isTrue("primary_key");
        List<PythonHeader.Token> nullable = args.keyword.get("nullable");
        boolean notNull = primaryKey || nullable != null && nullable.size() == 1 && nullable.get(0).text().equals("False");
        List<PythonHeader.Token> serverDefault = args.keyword.get("server_default");
        String defaultExpression = serverDefault == null || serverDefault.size() == 1 && serverDefault.get(0).text().equals("None")
                ? null : defaultText(serverDefault);
        boolean references = false;
        for (List<PythonHeader.Token> positional : args.positional) {
            if (callName(positional).endsWith("ForeignKey")) {
                references = true;
                constraints.add(new ConstraintDef(null, ConstraintKind.FOREIGN_KEY, false, null, List.of(name)));
            }
        }
        boolean identity = args.positional.stream().anyMatch(p -> callName(p).endsWith("Identity"))
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
        String call = callName(value);
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

    /** The dotted name a call expression starts with ({@code sa.Column}), or "" when it is no call. */
    private static String callName(List<PythonHeader.Token> expression) {
        StringBuilder name = new StringBuilder();
        for (PythonHeader.Token t : expression) {
            if (t.kind() == Kind.NAME || t.text().equals(".")) {
                name.append(t.text());
            } else {
                return t.text().equals("(") ? name.toString() : "";
            }
        }
        return "";
    }

    /** SQLAlchemy type classes and the PostgreSQL type each stands for (with its arguments as modifiers). */
    private static final java.util.Map<String, String> SQL_TYPES = java.util.Map.ofEntries(
            java.util.Map.entry("String", "varchar"), java.util.Map.entry("VARCHAR", "varchar"),
            java.util.Map.entry("Unicode", "varchar"), java.util.Map.entry("NVARCHAR", "varchar"),
            java.util.Map.entry("Text", "text"), java.util.Map.entry("TEXT", "text"),
            java.util.Map.entry("UnicodeText", "text"), java.util.Map.entry("CHAR", "char"),
            java.util.Map.entry("Integer", "integer"), java.util.Map.entry("INTEGER", "integer"),
            java.util.Map.entry("INT", "integer"), java.util.Map.entry("BigInteger", "bigint"),
            java.util.Map.entry("BIGINT", "bigint"), java.util.Map.entry("SmallInteger", "smallint"),
            java.util.Map.entry("SMALLINT", "smallint"), java.util.Map.entry("Numeric", "numeric"),
            java.util.Map.entry("NUMERIC", "numeric"), java.util.Map.entry("DECIMAL", "numeric"),
            java.util.Map.entry("Boolean", "boolean"), java.util.Map.entry("BOOLEAN", "boolean"),
            java.util.Map.entry("Date", "date"), java.util.Map.entry("DATE", "date"),
            java.util.Map.entry("Interval", "interval"), java.util.Map.entry("INTERVAL", "interval"),
            java.util.Map.entry("LargeBinary", "bytea"), java.util.Map.entry("BYTEA", "bytea"),
            java.util.Map.entry("JSON", "json"), java.util.Map.entry("JSONB", "jsonb"),
            java.util.Map.entry("UUID", "uuid"), java.util.Map.entry("Uuid", "uuid"),
            java.util.Map.entry("INET", "inet"), java.util.Map.entry("CIDR", "cidr"),
            java.util.Map.entry("TSVECTOR", "tsvector"), java.util.Map.entry("CITEXT", "citext"),
            java.util.Map.entry("REAL", "real"), java.util.Map.entry("DOUBLE_PRECISION", "double precision"));

    /**
     * The PostgreSQL type a SQLAlchemy type expression makes ({@code sa.String(length=100)} is {@code varchar(100)},
     * {@code sa.DateTime(timezone=True)} is {@code timestamptz}, {@code sa.Enum(..., name="x")} is {@code x}); the
     * Python text when it is not one SchemaGuard knows.
     */
    private static String sqlType(List<PythonHeader.Token> expression) {
        String call = callName(expression);
        String simple = call.substring(call.lastIndexOf('.') + 1);
        if (call.isEmpty()) {
            return pythonText(expression);
        }
        int open = 0;
        while (!expression.get(open).text().equals("(")) {
            open++;
        }
        if (!expression.get(expression.size() - 1).text().equals(")")) {
            return pythonText(expression);
        }
        Args args = Args.of(splitList(expression.subList(open + 1, expression.size() - 1)));
        if (simple.equals("DateTime") || simple.equals("TIMESTAMP") || simple.equals("Time") || simple.equals("TIME")) {
            String base = simple.equals("Time") || simple.equals("TIME") ? "time" : "timestamp";
            return args.isTrue("timezone") ? base + "tz" : base;
        }
        if (simple.equals("Enum") || simple.equals("ENUM")) {
            List<PythonHeader.Token> name = args.keyword.get("name");
            return name != null && name.size() == 1 && name.get(0).kind() == Kind.STRING ? name.get(0).text()
                    : pythonText(expression);
        }
        String base = SQL_TYPES.get(simple);
        if (base == null) {
            return pythonText(expression);
        }
        List<String> modifiers = new ArrayList<>();
        for (String keyword : List.of("length", "precision", "scale")) {
            List<PythonHeader.Token> value = args.keyword.get(keyword);
            if (value != null && value.size() == 1 && value.get(0).kind() == Kind.NUMBER) {
                modifiers.add(value.get(0).text());
            } else if (value != null) {
                return pythonText(expression);
            }
        }
        for (List<PythonHeader.Token> value : args.positional) {
            if (value.size() == 1 && value.get(0).kind() == Kind.NUMBER) {
                modifiers.add(value.get(0).text());
            } else {
                return pythonText(expression);
            }
        }
        boolean typmods = base.equals("varchar") || base.equals("char") || base.equals("numeric");
        if (!typmods && !modifiers.isEmpty() || modifiers.size() > (base.equals("numeric") ? 2 : 1)
                || !args.keyword.keySet().stream().allMatch(k -> List.of("length", "precision", "scale", "collation",
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
        if (value != null && value.size() == 6 && value.get(0).text().equals("op") && value.get(1).text().equals(".")
                && value.get(2).text().equals("f") && value.get(3).text().equals("(")
                && value.get(4).kind() == Kind.STRING && value.get(5).text().equals(")")) {
            // op.f("ix_name") marks a name as final (no naming convention applied): the name is the literal.
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

    private Statement statementAt(PythonHeader.Token at, String text) {
        return new Statement(Statement.Kind.SQL, migration.file(), at.line(), at.column() + 1, at.line(), text, List.of(),
                pythonComments(at.line()));
    }

    /** The run of {@code #} comment lines directly above a line, as comment tokens (suppressions live there). */
    private List<Token> pythonComments(int line) {
        List<Token> comments = new ArrayList<>();
        for (int l = line - 2; l >= 0 && lines[l].strip().startsWith("#"); l--) {
            comments.add(0, new Token(TokenKind.COMMENT, lines[l].strip(), lines[l].strip(), 0, l + 1, 1));
        }
        return comments;
    }
}
