package dev.schemaguard.lint;

import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.source.DjangoModule;
import dev.schemaguard.source.DjangoReader;
import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationFormat;
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

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code operations} of Django migrations as the statements Django's PostgreSQL schema editor emits for
 * them: CreateModel is a CREATE TABLE, AddField an ADD COLUMN (with the foreign key and index Django adds), AlterField
 * the changes between the field as the earlier migrations left it and the new one (Django emits nothing when only
 * Python-side options change), AddIndexConcurrently a CREATE INDEX CONCURRENTLY, RunSQL its SQL, RunPython a data
 * migration whose code is not read. The model state (tables, columns, their types and nullability) is followed
 * through the whole history in apply order, as Django's own {@code ProjectState} is. What cannot be read without
 * running Python is reported unrecognised, never guessed.
 */
final class DjangoOperations {

    /**
     * A field as the history left it: its column, SQL type (known: {@code typed}), nullability, whether it is a
     * relation, and whether Django keeps an index or a unique constraint on it.
     */
    private record Field(String column, String type, boolean typed, boolean nullable, boolean relation, boolean indexed,
                         boolean unique, boolean primaryKey) {
    }

    /** A model as the history left it: its table and fields, in order. */
    private static final class Model {
        String table;
        boolean explicitTable;
        final Map<String, Field> fields = new LinkedHashMap<>();
        java.util.Set<List<String>> uniqueTogether = java.util.Set.of();

        Model(String table, boolean explicitTable) {
            this.table = table;
            this.explicitTable = explicitTable;
        }
    }

    private final Map<String, Model> models = new HashMap<>();
    private final Map<String, List<AlembicOperations.Operation>> byMigration = new HashMap<>();

    private DjangoOperations() {
    }

    /** The statements of every migration of a Django history, the model state followed in apply order. */
    static Map<String, List<AlembicOperations.Operation>> of(MigrationGraph graph) {
        DjangoOperations reading = new DjangoOperations();
        for (String id : graph.applyOrder()) {
            Migration m = graph.migration(id);
            if (m.format() == MigrationFormat.DJANGO) {
                reading.byMigration.put(id, reading.read(m));
            }
        }
        return reading.byMigration;
    }

    private List<AlembicOperations.Operation> read(Migration migration) {
        Optional<PythonSyntax.Problem> problem = PythonSyntax.firstProblem(migration.up().text(), migration.file());
        if (problem.isPresent()) {
            int line = problem.get().line();
            Statement at = new Statement(Statement.Kind.SQL, migration.file(), line, 1, line, "", List.of(), List.of());
            return List.of(new AlembicOperations.Operation(at, new Command.SyntaxError("Python cannot compile this "
                    + "migration (line " + line + ": " + problem.get().message() + "), so Django cannot import its "
                    + "migrations package and runs no migration at all", true), true));
        }
        return new Reading(migration).operations();
    }

    /** The reading of one migration: its app, its lines (for suppressions), and what it emits. */
    private final class Reading {
        private final Migration migration;
        private final String app;
        private final String[] lines;
        private final List<AlembicOperations.Operation> out = new ArrayList<>();

        Reading(Migration migration) {
            this.migration = migration;
            String options = migration.up().options();
            int at = options.indexOf(DjangoReader.APP);
            String rest = options.substring(at + DjangoReader.APP.length());
            this.app = rest.contains(" ") ? rest.substring(0, rest.indexOf(' ')) : rest;
            this.lines = migration.up().text().split("\n", -1);
        }

        List<AlembicOperations.Operation> operations() {
            DjangoModule module = DjangoModule.parse(migration.up().text(), migration.file());
            DjangoModule.Attribute operations = module.attributes().get("operations");
            if (operations == null || operations.value().isEmpty()) {
                return out;
            }
            if (!operations.value().get(0).text().equals("[") && !operations.value().get(0).text().equals("(")) {
                PythonHeader.Token first = operations.value().get(0);
                add(first, "operations", new Command.Unrecognized("operations is built at run time, which SchemaGuard "
                        + "does not follow: this migration is not checked"));
                return out;
            }
            for (List<PythonHeader.Token> op : DjangoModule.items(operations.value())) {
                operation(op);
            }
            return out;
        }

        private void add(PythonHeader.Token at, String text, Command command) {
            out.add(new AlembicOperations.Operation(statementAt(at, text), command, true));
        }

        private Statement statementAt(PythonHeader.Token at, String text) {
            return new Statement(Statement.Kind.SQL, migration.file(), at.line(), at.column() + 1, at.line(), text,
                    List.of(), AlembicOperations.commentsAbove(lines, at.line()));
        }

        private void operation(List<PythonHeader.Token> op) {
            PythonHeader.Token at = op.get(0);
            String call = PythonArgs.callName(op);
            String name = call.substring(call.lastIndexOf('.') + 1);
            if (call.isEmpty() || !op.get(op.size() - 1).text().equals(")")) {
                add(at, joined(op), new Command.Unrecognized("an operation built at run time ("
                        + shorten(joined(op)) + "), which SchemaGuard does not follow"));
                return;
            }
            PythonArgs args = PythonArgs.ofCall(op);
            String text = call + "(...)";
            try {
                switch (name) {
                    case "CreateModel" -> createModel(at, text, args);
                    case "DeleteModel" -> {
                        Model model = models.remove(key(string(args.get(0, "name"))));
                        add(at, text, new Command.DropTable(List.of(new Name(null, model != null ? model.table
                                : defaultTable(string(args.get(0, "name"))))), false, false));
                    }
                    case "RenameModel" -> renameModel(at, text, args);
                    case "AlterModelTable" -> {
                        Model model = model(args.get(0, "name"));
                        String table = optionalString(args.get(1, "table"));
                        String newTable = table != null ? table : defaultTable(string(args.get(0, "name")));
                        add(at, text, alter(model.table, new Command.RenameTable(newTable)));
                        model.table = newTable;
                        model.explicitTable = table != null;
                    }
                    case "AddField" -> addField(at, text, args);
                    case "RemoveField" -> {
                        Model model = model(args.get(0, "model_name"));
                        Field field = model.fields.remove(string(args.get(1, "name")));
                        if (field == null) {
                            throw new NotRead("a field the earlier migrations do not define");
                        }
                        if (field.column() != null) {
                            add(at, text, alter(model.table, new Command.DropColumn(field.column(), false, false)));
                        }
                    }
                    case "AlterField" -> alterField(at, text, args);
                    case "RenameField" -> {
                        Model model = model(args.get(0, "model_name"));
                        String from = string(args.get(1, "old_name"));
                        String to = string(args.get(2, "new_name"));
                        Field field = model.fields.remove(from);
                        if (field == null) {
                            throw new NotRead("a field the earlier migrations do not define");
                        }
                        String column = field.column() == null ? null
                                : field.column().equals(field.relation() ? from + "_id" : from)
                                ? (field.relation() ? to + "_id" : to) : field.column();
                        model.fields.put(to, new Field(column, field.type(), field.typed(), field.nullable(), field.relation(),
                                field.indexed(), field.unique(), field.primaryKey()));
                        if (column != null && !column.equals(field.column())) {
                            add(at, text, alter(model.table, new Command.RenameColumn(field.column(), column)));
                        }
                    }
                    case "AddIndex", "AddIndexConcurrently" -> {
                        Model model = model(args.get(0, "model_name"));
                        PythonArgs index = PythonArgs.ofCall(args.get(1, "index"));
                        add(at, text, new Command.CreateIndex(optionalString(index.keyword().get("name")),
                                new Name(null, model.table), false, name.equals("AddIndexConcurrently"), false,
                                columns(model, index.keyword().get("fields"))));
                    }
                    case "RemoveIndex", "RemoveIndexConcurrently" -> add(at, text, new Command.DropIndex(
                            List.of(new Name(null, string(args.get(1, "name")))), name.equals("RemoveIndexConcurrently"),
                            false));
                    case "AddConstraint" -> addConstraint(at, text, args);
                    case "RemoveConstraint" -> add(at, text, alter(model(args.get(0, "model_name")).table,
                            new Command.DropConstraint(string(args.get(1, "name")), false)));
                    case "AlterUniqueTogether" -> {
                        Model model = model(args.get(0, "name"));
                        java.util.Set<List<String>> together = together(args.get(1, "unique_together"));
                        for (List<String> fields : together) {
                            if (!model.uniqueTogether.contains(fields)) {
                                List<String> columns = fields.stream().map(f -> model.fields.containsKey(f)
                                        && model.fields.get(f).column() != null ? model.fields.get(f).column() : f)
                                        .toList();
                                add(at, text, alter(model.table, new Command.AddConstraint(new ConstraintDef(null,
                                        ConstraintKind.UNIQUE, false, null, columns))));
                            }
                        }
                        model.uniqueTogether = together;
                    }
                    case "RunSQL" -> runSql(at, text, args);
                    case "RunPython" -> {
                        add(at, text, new Command.Dml(Command.DmlKind.UPDATE, null, null));
                        add(at, text, new Command.Unrecognized("RunPython runs Python code, which SchemaGuard does "
                                + "not read: it is counted as a data migration (backfill); what it does to the schema "
                                + "is not checked"));
                    }
                    case "SeparateDatabaseAndState" -> separate(args);
                    case "AlterModelOptions", "AlterModelManagers", "AlterIndexTogether", "AlterOrderWithRespectTo",
                         "AlterModelTableComment", "RenameIndex" -> {
                        // Django-side options: no schema change that locks or breaks anything known
                    }
                    case "CreateExtension", "BtreeGinExtension", "TrigramExtension", "HStoreExtension",
                         "UnaccentExtension", "CITextExtension", "CryptoExtension", "BloomExtension",
                         "BtreeGistExtension" -> add(at, text, new Command.Harmless("CREATE EXTENSION IF NOT EXISTS"));
                    default -> add(at, text, new Command.Unrecognized(call + " is not one of the operations "
                            + "SchemaGuard reads"));
                }
            } catch (NotRead e) {
                add(at, text, new Command.Unrecognized(call + " with " + e.getMessage() + ": SchemaGuard reads "
                        + "migrations without running them"));
            }
        }

        /** SeparateDatabaseAndState: the database_operations run, the state_operations change only the state. */
        private void separate(PythonArgs args) {
            List<PythonHeader.Token> database = args.keyword().get("database_operations");
            if (database != null && !database.isEmpty() && (database.get(0).text().equals("[")
                    || database.get(0).text().equals("("))) {
                for (List<PythonHeader.Token> op : DjangoModule.items(database)) {
                    operation(op);
                }
            }
            List<PythonHeader.Token> state = args.keyword().get("state_operations");
            if (state != null && !state.isEmpty() && (state.get(0).text().equals("[") || state.get(0).text().equals("("))) {
                int before = out.size();
                for (List<PythonHeader.Token> op : DjangoModule.items(state)) {
                    operation(op);
                }
                // the state follows; the database does not
                out.subList(before, out.size()).clear();
            }
        }

        private void createModel(PythonHeader.Token at, String text, PythonArgs args) {
            String name = string(args.get(0, "name"));
            Map<String, List<PythonHeader.Token>> options = dict(args.keyword().get("options"));
            String dbTable = optionalString(options.get("db_table"));
            Model model = new Model(dbTable != null ? dbTable : defaultTable(name), dbTable != null);
            models.put(key(name), model);
            model.uniqueTogether = together(options.get("unique_together"));
            List<ColumnDef> columns = new ArrayList<>();
            List<ConstraintDef> constraints = new ArrayList<>();
            List<PythonHeader.Token> fields = args.get(1, "fields");
            if (fields != null && !fields.isEmpty() && fields.get(0).text().equals("[")) {
                for (List<PythonHeader.Token> pair : DjangoModule.items(fields)) {
                    List<List<PythonHeader.Token>> parts = DjangoModule.items(pair);
                    if (parts.size() != 2 || parts.get(0).size() != 1 || parts.get(0).get(0).kind() != Kind.STRING) {
                        throw new NotRead("a field list that is not literal");
                    }
                    String fieldName = parts.get(0).get(0).text();
                    FieldDef def = field(app, fieldName, parts.get(1));
                    model.fields.put(fieldName, def.state());
                    if (def.state().column() != null) {
                        columns.add(def.column(false));
                        if (def.state().relation()) {
                            constraints.add(new ConstraintDef(null, ConstraintKind.FOREIGN_KEY, false, null,
                                    List.of(def.state().column())));
                        }
                    }
                }
            }
            add(at, text, new Command.CreateTable(new Name(null, model.table), false, false, false, false, columns,
                    constraints));
        }

        private void renameModel(PythonHeader.Token at, String text, PythonArgs args) {
            String from = string(args.get(0, "old_name"));
            String to = string(args.get(1, "new_name"));
            Model model = models.remove(key(from));
            if (model == null) {
                throw new NotRead("a model the earlier migrations do not define");
            }
            models.put(key(to), model);
            if (!model.explicitTable) {
                String table = defaultTable(to);
                add(at, text, alter(model.table, new Command.RenameTable(table)));
                model.table = table;
            }
        }

        private void addField(PythonHeader.Token at, String text, PythonArgs args) {
            Model model = model(args.get(0, "model_name"));
            String name = string(args.get(1, "name"));
            FieldDef def = field(app, name, args.get(2, "field"));
            model.fields.put(name, def.state());
            if (def.state().column() == null) {
                return;
            }
            if (!def.state().typed() && !def.state().nullable() && def.oneOffDefault() == null
                    && def.callableDefault() == null && def.dbDefault() == null) {
                add(at, text, new Command.Unrecognized("AddField of a field class SchemaGuard does not know the column "
                        + "of (" + shorten(def.state().type()) + "): whether Django fills the existing rows is not "
                        + "known, so the added column is not checked"));
                return;
            }
            List<Command.AlterAction> actions = new ArrayList<>();
            actions.add(new Command.AddColumn(def.column(true), false));
            if (def.state().relation()) {
                actions.add(new Command.AddConstraint(new ConstraintDef(null, ConstraintKind.FOREIGN_KEY, false, null,
                        List.of(def.state().column()))));
            }
            add(at, text, alter(model.table, actions.toArray(Command.AlterAction[]::new)));
            if (def.indexed()) {
                add(at, text, new Command.CreateIndex(null, new Name(null, model.table), false, false, false,
                        List.of(def.state().column())));
            }
            if (def.callableDefault() != null) {
                add(at, text, new Command.Unrecognized("the default " + def.callableDefault() + " is a Python "
                        + "callable, which Django calls once for the whole migration: every existing row of "
                        + model.table + " gets the same value"
                        + (def.unique() ? ", which the unique constraint refuses as soon as the table holds two rows"
                        : "") + "; add the column nullable, backfill it with RunPython, then make it NOT NULL"));
            }
        }

        private void alterField(PythonHeader.Token at, String text, PythonArgs args) {
            Model model = model(args.get(0, "model_name"));
            String name = string(args.get(1, "name"));
            Field old = model.fields.get(name);
            FieldDef def = field(app, name, args.get(2, "field"));
            model.fields.put(name, def.state());
            if (old == null) {
                throw new NotRead("a field the earlier migrations do not define");
            }
            if (old.column() == null || def.state().column() == null) {
                return;
            }
            List<Command.AlterAction> actions = new ArrayList<>();
            String column = old.column();
            if (!old.column().equals(def.state().column())) {
                actions.add(new Command.RenameColumn(old.column(), def.state().column()));
                column = def.state().column();
            }
            if (!old.type().equals(def.state().type())) {
                if (old.typed() && def.state().typed()) {
                    actions.add(new Command.AlterColumnType(column, def.state().type(), false, null, old.type()));
                } else {
                    add(at, text, new Command.Unrecognized("AlterField between field classes SchemaGuard does not "
                            + "know the column type of (" + shorten(old.type()) + ", " + shorten(def.state().type())
                            + "): whether the column type changes is not checked"));
                }
            }
            if (old.nullable() && !def.state().nullable()) {
                if (def.oneOffDefault() != null) {
                    // Django fills the existing NULLs with the default first, in the same transaction
                    add(at, text, new Command.Dml(Command.DmlKind.UPDATE, new Name(null, model.table),
                            column + " is null"));
                }
                actions.add(new Command.SetNotNull(column));
            } else if (!old.nullable() && def.state().nullable()) {
                actions.add(new Command.DropNotNull(column));
            }
            if (!old.unique() && def.state().unique()) {
                actions.add(new Command.AddConstraint(new ConstraintDef(null, ConstraintKind.UNIQUE, false, null,
                        List.of(column))));
            }
            if (!actions.isEmpty()) {
                add(at, text, alter(model.table, actions.toArray(Command.AlterAction[]::new)));
            }
            if (!old.indexed() && def.state().indexed()) {
                add(at, text, new Command.CreateIndex(null, new Name(null, model.table), false, false, false,
                        List.of(column)));
            }
        }

        private void addConstraint(PythonHeader.Token at, String text, PythonArgs args) {
            Model model = model(args.get(0, "model_name"));
            List<PythonHeader.Token> constraint = args.get(1, "constraint");
            String call = PythonArgs.callName(constraint);
            PythonArgs c = PythonArgs.ofCall(constraint);
            String name = optionalString(c.keyword().get("name"));
            if (call.endsWith("UniqueConstraint")) {
                add(at, text, alter(model.table, new Command.AddConstraint(new ConstraintDef(name, ConstraintKind.UNIQUE,
                        false, null, columns(model, c.keyword().get("fields"))))));
            } else if (call.endsWith("CheckConstraint")) {
                add(at, text, alter(model.table, new Command.AddConstraint(new ConstraintDef(name, ConstraintKind.CHECK,
                        false, null, List.of()))));
            } else if (call.endsWith("ExclusionConstraint")) {
                add(at, text, alter(model.table, new Command.AddConstraint(new ConstraintDef(name,
                        ConstraintKind.EXCLUDE, false, null, List.of()))));
            } else {
                throw new NotRead("a constraint SchemaGuard does not know (" + call + ")");
            }
        }

        /** RunSQL's forward SQL: a string, or a list of strings (or of (sql, params) pairs), each read as SQL. */
        private void runSql(PythonHeader.Token at, String text, PythonArgs args) {
            List<PythonHeader.Token> sql = args.get(0, "sql");
            if (sql == null) {
                throw new NotRead("no SQL");
            }
            boolean several = sql.get(0).text().equals("[")
                    || sql.get(0).text().equals("(") && DjangoModule.items(sql).size() > 1;
            for (List<PythonHeader.Token> piece : several ? DjangoModule.items(sql) : List.of(sql)) {
                // a parenthesised string, or an (sql, params) pair: the SQL is its first item
                List<PythonHeader.Token> literal = !piece.isEmpty() && piece.get(0).text().equals("(")
                        ? DjangoModule.items(piece).get(0) : piece;
                if (literal.isEmpty() || literal.stream().anyMatch(t -> t.kind() != Kind.STRING)) {
                    String shown = joined(literal);
                    if (shown.endsWith("RunSQL.noop")) {
                        continue;
                    }
                    add(at, text, new Command.Unrecognized("RunSQL with SQL built at run time (" + shorten(shown)
                            + ")"));
                    continue;
                }
                StringBuilder body = new StringBuilder();
                literal.forEach(t -> body.append(t.text()));
                SqlScript script;
                try {
                    script = StatementSplitter.split(migration.file(), body.toString(), literal.get(0).line());
                } catch (SqlSyntaxException notSql) {
                    int line = notSql.line();
                    out.add(new AlembicOperations.Operation(new Statement(Statement.Kind.SQL, migration.file(), line, 1,
                            line, "", List.of(), AlembicOperations.commentsAbove(lines, at.line())),
                            new Command.SyntaxError(notSql.reason()), true));
                    continue;
                }
                boolean first = true;
                for (Statement s : script.statements()) {
                    Statement located = new Statement(s.kind(), s.file(), s.line(), s.column(), s.endLine(), s.text(),
                            s.tokens(), first ? AlembicOperations.commentsAbove(lines, at.line()) : List.of());
                    first = false;
                    out.add(new AlembicOperations.Operation(located, StatementParser.parse(s), true));
                }
            }
        }

        /** The field tuples of a unique_together value: a set, list or tuple of tuples, or one tuple of names. */
        private java.util.Set<List<String>> together(List<PythonHeader.Token> value) {
            java.util.Set<List<String>> out = new java.util.LinkedHashSet<>();
            if (value == null || value.isEmpty() || !List.of("(", "[", "{").contains(value.get(0).text())) {
                if (value != null && !value.isEmpty() && !joined(value).equals("None") && !joined(value).equals("set()")) {
                    throw new NotRead("a unique_together that is not literal");
                }
                return out;
            }
            List<List<PythonHeader.Token>> items = DjangoModule.items(value);
            if (!items.isEmpty() && items.stream().allMatch(i -> i.size() == 1 && i.get(0).kind() == Kind.STRING)) {
                out.add(items.stream().map(i -> i.get(0).text()).toList());
                return out;
            }
            for (List<PythonHeader.Token> item : items) {
                out.add(DjangoModule.items(item).stream().filter(i -> i.size() == 1 && i.get(0).kind() == Kind.STRING)
                        .map(i -> i.get(0).text()).toList());
            }
            return out;
        }

        private Command alter(String table, Command.AlterAction... actions) {
            return new Command.AlterTable(new Name(null, table), false, List.of(actions));
        }

        private String defaultTable(String modelName) {
            return (app + "_" + modelName).toLowerCase(Locale.ROOT);
        }

        private String key(String modelName) {
            return app + "." + modelName.toLowerCase(Locale.ROOT);
        }

        /** The model an operation names, as the earlier migrations left it. */
        private Model model(List<PythonHeader.Token> name) {
            Model model = models.get(key(string(name)));
            if (model == null) {
                throw new NotRead("model '" + string(name) + "', which the earlier migrations of " + app
                        + " do not create");
            }
            return model;
        }

        private List<String> columns(Model model, List<PythonHeader.Token> fields) {
            List<String> columns = new ArrayList<>();
            if (fields == null || fields.isEmpty()) {
                return columns;
            }
            for (List<PythonHeader.Token> item : DjangoModule.items(fields)) {
                if (item.size() == 1 && item.get(0).kind() == Kind.STRING) {
                    String f = item.get(0).text().startsWith("-") ? item.get(0).text().substring(1) : item.get(0).text();
                    Field field = model.fields.get(f);
                    columns.add(field != null && field.column() != null ? field.column() : f);
                }
            }
            return columns;
        }
    }

    /**
     * A field definition read from its {@code models.X(...)} call.
     *
     * @param oneOffDefault   the SQL of its {@code default}, when a literal (the value Django fills existing rows
     *                        with), else {@code null}
     * @param callableDefault the callable its {@code default} names ({@code uuid.uuid4}), else {@code null}
     * @param dbDefault       its {@code db_default}, kept by the database, else {@code null}
     */
    private record FieldDef(Field state, String oneOffDefault, String callableDefault, String dbDefault,
                            boolean primaryKey, boolean unique, boolean indexed, boolean identity) {

        /** The column as Django adds it; {@code adding}: to an existing table, where a default fills the rows. */
        ColumnDef column(boolean adding) {
            String defaultSql = dbDefault != null ? dbDefault
                    : adding && oneOffDefault != null ? oneOffDefault
                    : adding && callableDefault != null ? "'" + callableDefault + "() evaluated once'" : null;
            return new ColumnDef(state.column(), state.type(), !state.nullable() || primaryKey, defaultSql,
                    primaryKey, unique, state.relation(), false, identity);
        }
    }

    /** Django field classes and the PostgreSQL type each makes; relations take their target's key type. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("AutoField", "integer"), Map.entry("BigAutoField", "bigint"),
            Map.entry("SmallAutoField", "smallint"), Map.entry("TextField", "text"),
            Map.entry("IntegerField", "integer"), Map.entry("BigIntegerField", "bigint"),
            Map.entry("SmallIntegerField", "smallint"), Map.entry("PositiveIntegerField", "integer"),
            Map.entry("PositiveBigIntegerField", "bigint"), Map.entry("PositiveSmallIntegerField", "smallint"),
            Map.entry("BooleanField", "boolean"), Map.entry("NullBooleanField", "boolean"),
            Map.entry("DateField", "date"), Map.entry("DateTimeField", "timestamptz"),
            Map.entry("TimeField", "time"), Map.entry("DurationField", "interval"),
            Map.entry("FloatField", "double precision"), Map.entry("UUIDField", "uuid"),
            Map.entry("JSONField", "jsonb"), Map.entry("BinaryField", "bytea"),
            Map.entry("GenericIPAddressField", "inet"), Map.entry("IPAddressField", "inet"),
            Map.entry("HStoreField", "hstore"), Map.entry("CICharField", "citext"),
            Map.entry("CIEmailField", "citext"), Map.entry("CITextField", "citext"),
            Map.entry("SearchVectorField", "tsvector"));
    /** Character fields and the max_length Django gives them by default. */
    private static final Map<String, String> CHAR_TYPES = Map.of("CharField", "", "EmailField", "254",
            "SlugField", "50", "URLField", "200", "FileField", "100", "ImageField", "100", "FilePathField", "100");

    /** Field classes that allow empty strings: with blank=True, Django fills existing rows with ''. */
    private static final java.util.Set<String> EMPTY_STRINGS = java.util.Set.of("CharField", "TextField", "EmailField",
            "SlugField", "URLField", "FileField", "ImageField", "FilePathField", "BinaryField", "CICharField",
            "CIEmailField", "CITextField");

    /** The definition of field {@code name} from its {@code models.X(...)} expression. */
    private FieldDef field(String app, String name, List<PythonHeader.Token> expression) {
        String call = PythonArgs.callName(expression);
        if (call.isEmpty()) {
            throw new NotRead("a field that is not a models.X(...) call");
        }
        String kind = call.substring(call.lastIndexOf('.') + 1);
        PythonArgs args = PythonArgs.ofCall(expression);
        boolean nullable = args.isTrue("null");
        boolean primaryKey = args.isTrue("primary_key");
        boolean unique = args.isTrue("unique") || kind.equals("OneToOneField");
        String dbColumn = optionalString(args.keyword().get("db_column"));
        if (kind.equals("ManyToManyField") || kind.equals("GenericRelation") || kind.equals("GenericForeignKey")) {
            // a join table, or no column at all
            return new FieldDef(new Field(null, "", true, true, false, false, false, false), null, null, null, false, false,
                    false, false);
        }
        boolean relation = kind.equals("ForeignKey") || kind.equals("OneToOneField")
                || kind.equals("ParentalKey") || kind.equals("TreeForeignKey");
        String type;
        boolean typed = true;
        if (relation) {
            Field key = targetKey(app, args.get(0, "to"));
            typed = key != null && key.typed();
            type = typed ? key.type() : "the key of " + joined(args.get(0, "to") == null ? List.of() : args.get(0, "to"));
        } else if (CHAR_TYPES.containsKey(kind)) {
            List<PythonHeader.Token> length = args.keyword().get("max_length");
            boolean literal = length == null || length.size() == 1 && length.get(0).kind() == Kind.NUMBER;
            String n = length != null && literal ? length.get(0).text() : CHAR_TYPES.get(kind);
            typed = literal;
            type = !literal ? joined(expression) : n.isEmpty() ? "varchar" : "varchar(" + n + ")";
        } else if (kind.equals("DecimalField")) {
            List<PythonHeader.Token> digits = args.keyword().get("max_digits");
            List<PythonHeader.Token> places = args.keyword().get("decimal_places");
            typed = digits != null && places != null && digits.size() == 1 && places.size() == 1
                    && digits.get(0).kind() == Kind.NUMBER && places.get(0).kind() == Kind.NUMBER;
            type = typed ? "numeric(" + joined(digits) + "," + joined(places) + ")" : joined(expression);
        } else if (kind.equals("ArrayField")) {
            List<PythonHeader.Token> base = args.get(0, "base_field");
            FieldDef element = base == null ? null : field(app, "_", base);
            typed = element != null && element.state().typed();
            type = typed ? element.state().type() + "[]" : joined(expression);
        } else {
            typed = TYPES.containsKey(kind);
            type = TYPES.getOrDefault(kind, joined(expression));
        }
        String column = dbColumn != null ? dbColumn : relation ? name + "_id" : name;
        List<PythonHeader.Token> defaultValue = args.keyword().get("default");
        String literal = null;
        String callable = null;
        if (defaultValue != null && !(defaultValue.size() == 1 && defaultValue.get(0).text().equals("None"))) {
            literal = literalSql(defaultValue);
            if (literal == null) {
                callable = joined(defaultValue);
            }
        }
        if (literal == null && callable == null && !nullable) {
            // Django's effective default: '' for a blank string field, the time for auto_now(_add)
            if (args.isTrue("blank") && EMPTY_STRINGS.contains(kind)) {
                literal = "''";
            } else if (args.isTrue("auto_now") || args.isTrue("auto_now_add")) {
                callable = "timezone.now";
            }
        }
        List<PythonHeader.Token> dbDefaultValue = args.keyword().get("db_default");
        String dbDefault = dbDefaultValue == null ? null : literalSql(dbDefaultValue) != null
                ? literalSql(dbDefaultValue) : joined(dbDefaultValue);
        boolean indexed = !primaryKey && !unique && (relation && !args.isFalse("db_index") || args.isTrue("db_index")
                || kind.equals("SlugField") && !args.isFalse("db_index"));
        boolean identity = kind.endsWith("AutoField");
        return new FieldDef(new Field(column, type, typed, nullable, relation, indexed, unique, primaryKey), literal, callable,
                dbDefault, primaryKey, unique, indexed, identity);
    }

    /** The primary key of the model a relation's {@code to} names ("app.Model", or "Model" of the same app). */
    private Field targetKey(String app, List<PythonHeader.Token> to) {
        if (to == null || to.size() != 1 || to.get(0).kind() != Kind.STRING) {
            return null;
        }
        String target = to.get(0).text().toLowerCase(Locale.ROOT);
        Model model = models.get(target.contains(".") ? target : app + "." + target);
        if (model == null) {
            return null;
        }
        for (Field field : model.fields.values()) {
            if (field.primaryKey()) {
                return field;
            }
        }
        return null;
    }

    /** A dict literal's string keys and their values' tokens; empty for anything else. */
    private static Map<String, List<PythonHeader.Token>> dict(List<PythonHeader.Token> value) {
        Map<String, List<PythonHeader.Token>> entries = new HashMap<>();
        if (value == null || value.isEmpty() || !value.get(0).text().equals("{")) {
            return entries;
        }
        for (List<PythonHeader.Token> item : DjangoModule.items(value)) {
            if (item.size() > 2 && item.get(0).kind() == Kind.STRING && item.get(1).text().equals(":")) {
                entries.put(item.get(0).text(), item.subList(2, item.size()));
            }
        }
        return entries;
    }

    /** A Python literal as SQL ({@code 'x'}, {@code 0}, {@code true}), or {@code null} when it is not one. */
    private static String literalSql(List<PythonHeader.Token> value) {
        if (value.size() == 1) {
            PythonHeader.Token t = value.get(0);
            return switch (t.kind()) {
                case STRING -> "'" + t.text().replace("'", "''") + "'";
                case NUMBER -> t.text();
                case NAME -> t.text().equals("True") ? "true" : t.text().equals("False") ? "false" : null;
                default -> null;
            };
        }
        if (value.size() == 2 && value.get(0).text().equals("-") && value.get(1).kind() == Kind.NUMBER) {
            return "-" + value.get(1).text();
        }
        String text = joined(value);
        // an empty container, a decimal of a literal: constants too
        return text.equals("{}") || text.equals("[]") ? "'" + text + "'" : null;
    }

    /** Why an operation could not be read without running Python. */
    private static final class NotRead extends RuntimeException {
        NotRead(String message) {
            super(message, null, false, false);
        }
    }

    private static String string(List<PythonHeader.Token> value) {
        if (value == null || value.isEmpty() || value.stream().anyMatch(t -> t.kind() != Kind.STRING)) {
            throw new NotRead(value == null ? "a missing argument" : "a computed name");
        }
        StringBuilder s = new StringBuilder();
        value.forEach(t -> s.append(t.text()));
        return s.toString();
    }

    private static String optionalString(List<PythonHeader.Token> value) {
        return value == null || value.size() == 1 && value.get(0).text().equals("None") ? null : string(value);
    }

    private static String joined(List<PythonHeader.Token> tokens) {
        StringBuilder s = new StringBuilder();
        for (PythonHeader.Token t : tokens) {
            s.append(t.kind() == Kind.STRING ? "'" + t.text() + "'" : t.text());
        }
        return s.toString();
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
