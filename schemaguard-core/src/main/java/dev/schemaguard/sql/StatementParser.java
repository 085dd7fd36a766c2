package dev.schemaguard.sql;

import dev.schemaguard.sql.Command.AlterAction;
import dev.schemaguard.sql.Command.ColumnDef;
import dev.schemaguard.sql.Command.ConstraintDef;
import dev.schemaguard.sql.Command.ConstraintKind;
import dev.schemaguard.sql.Command.Name;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Types a statement by its grammar: enough of PostgreSQL's syntax to know what each statement does to
 * which table, column, index or type. What it cannot type it reports as {@link Command.Unrecognized};
 * it never guesses. Unlike a general SQL parser it accepts every statement form migrations use
 * (DROP INDEX CONCURRENTLY, REINDEX, LOCK, VACUUM, BEGIN, SET DATA TYPE, ALTER TABLE IF EXISTS ONLY,
 * ADD CONSTRAINT ... USING INDEX, ...).
 */
public final class StatementParser {

    private static final Set<String> HARMLESS = Set.of("comment", "reassign", "grant", "revoke", "analyze", "analyse",
            "notify", "listen", "unlisten", "discard", "reset", "show", "explain", "prepare", "execute",
            "deallocate", "security", "checkpoint", "load", "import", "declare", "fetch", "close", "move");
    private static final Pattern EXCEPTION_WORD = Pattern.compile("(?i)\\bexception\\b");
    private static final Pattern WHEN_WORD = Pattern.compile("(?i)\\bwhen\\b");
    private static final Pattern DUPLICATE_CONDITION = Pattern.compile(
            "(?i)\\b(duplicate_object|others|sqlstate\\s+'42710')\\b");
    private static final Pattern CATALOG_GUARD = Pattern.compile("(?i)\\b(not\\s+exists|if\\s+not\\s+found|to_regtype)\\b");
    private static final Pattern CATALOG_NAME = Pattern.compile(
            "(?i)\\b(pg_type|pg_catalog|to_regtype|information_schema)\\b");
    private static final Pattern TO_REGTYPE_CALL = Pattern.compile("(?i)\\bto_regtype\\s*\\(");
    private static final Pattern CREATE_TYPE_IN_BODY = Pattern.compile(
            "(?i)\\bcreate\\s+type\\s+((?:\"[^\"]+\"|\\w+)(?:\\s*\\.\\s*(?:\"[^\"]+\"|\\w+))?)");

    /**
     * The kinds of object CREATE, ALTER and DROP take (PostgreSQL 17's SQL commands), by their first word; after
     * CREATE also its modifiers ({@code OR REPLACE}, {@code TEMP}, {@code UNIQUE}, ...).
     */
    private static final Set<String> OBJECT_KINDS = Set.of("access", "aggregate", "cast", "collation", "conversion",
            "database", "default", "domain", "event", "extension", "foreign", "function", "group", "index", "language",
            "large", "materialized", "operator", "owned", "policy", "procedure", "procedural", "publication", "role",
            "routine", "rule", "schema", "sequence", "server", "statistics", "subscription", "system", "table",
            "tablespace", "text", "transform", "trigger", "trusted", "type", "user", "view", "constraint", "or",
            "temporary", "temp", "global", "local", "unlogged", "unique", "recursive");

    private StatementParser() {
    }

    /** Types one statement of a script. */
    public static Command parse(Statement statement) {
        if (statement.kind() == Statement.Kind.META_COMMAND) {
            return new Command.MetaCommand(statement.text());
        }
        try {
            return new Cursor(statement.tokens()).statement();
        } catch (NotPostgres e) {
            return new Command.SyntaxError(e.getMessage());
        } catch (NotUnderstood e) {
            return new Command.Unrecognized(e.getMessage());
        }
    }

    /** Thrown inside the parser when the tokens leave the grammar it knows. */
    private static class NotUnderstood extends RuntimeException {
        NotUnderstood(String message) {
            super(message, null, false, false);
        }
    }

    /** Thrown when the statement's first words are no PostgreSQL command: the server rejects it, whatever follows. */
    private static final class NotPostgres extends NotUnderstood {
        NotPostgres(String message) {
            super(message);
        }
    }

    private static final class Cursor {
        private final List<Token> tokens;
        private int pos;

        Cursor(List<Token> tokens) {
            this.tokens = tokens;
        }

        // ---- token helpers ----

        boolean atEnd() {
            return pos >= tokens.size();
        }

        Token peek() {
            return atEnd() ? null : tokens.get(pos);
        }

        Token peek(int ahead) {
            return pos + ahead < tokens.size() ? tokens.get(pos + ahead) : null;
        }

        boolean isWord(String word) {
            Token t = peek();
            return t != null && t.isWord(word);
        }

        boolean isWordAt(int ahead, String word) {
            Token t = peek(ahead);
            return t != null && t.isWord(word);
        }

        boolean accept(String word) {
            if (isWord(word)) {
                pos++;
                return true;
            }
            return false;
        }

        /** Accepts a sequence of words, all or none. */
        boolean acceptAll(String... words) {
            for (int i = 0; i < words.length; i++) {
                if (!isWordAt(i, words[i])) {
                    return false;
                }
            }
            pos += words.length;
            return true;
        }

        boolean acceptPunctuation(String symbol) {
            Token t = peek();
            if (t != null && t.isPunctuation(symbol)) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(String word) {
            if (!accept(word)) {
                throw new NotUnderstood("expected " + word.toUpperCase(Locale.ROOT) + " " + where());
            }
        }

        String where() {
            Token t = peek();
            return t == null ? "at the end of the statement" : "at '" + t.text() + "' (line " + t.line() + ")";
        }

        /** An identifier: an unquoted word (folded) or a quoted identifier (kept). */
        String identifier() {
            Token t = peek();
            if (t != null && (t.kind() == TokenKind.WORD || t.kind() == TokenKind.QUOTED_IDENTIFIER)) {
                pos++;
                return t.value();
            }
            throw new NotUnderstood("expected a name " + where());
        }

        Name name() {
            String first = identifier();
            if (acceptPunctuation(".")) {
                String second = identifier();
                if (acceptPunctuation(".")) {
                    // database.schema.name: the database part must be the current one; keep schema and name.
                    return new Name(second, identifier());
                }
                return new Name(first, second);
            }
            return new Name(null, first);
        }

        List<Name> names() {
            List<Name> names = new ArrayList<>();
            do {
                accept("only");
                names.add(name());
                acceptPunctuation("*");
            } while (acceptPunctuation(","));
            return names;
        }

        /** Skips a balanced parenthesised group starting at the current '('; returns its inner tokens' text. */
        String group() {
            if (!acceptPunctuation("(")) {
                throw new NotUnderstood("expected ( " + where());
            }
            int depth = 1;
            int start = pos;
            while (!atEnd()) {
                Token t = tokens.get(pos++);
                if (t.isPunctuation("(")) {
                    depth++;
                } else if (t.isPunctuation(")") && --depth == 0) {
                    return join(start, pos - 1);
                }
            }
            throw new NotUnderstood("unbalanced parentheses");
        }

        /** The tokens up to (not including) the next top-level ',' or the end, as text. */
        String untilComma() {
            int start = pos;
            int depth = 0;
            while (!atEnd()) {
                Token t = peek();
                if (depth == 0 && (t.isPunctuation(",") || t.isPunctuation(")"))) {
                    break;
                }
                if (t.isPunctuation("(") || t.isPunctuation("[")) {
                    depth++;
                } else if (t.isPunctuation(")") || t.isPunctuation("]")) {
                    depth--;
                }
                pos++;
            }
            return join(start, pos);
        }

        String join(int from, int to) {
            StringBuilder s = new StringBuilder();
            for (int i = from; i < to; i++) {
                Token t = tokens.get(i);
                boolean tight = t.isPunctuation(".") || t.isPunctuation("::") || t.isPunctuation("(")
                        || t.isPunctuation(")") || t.isPunctuation(",")
                        || i > from && (tokens.get(i - 1).isPunctuation(".") || tokens.get(i - 1).isPunctuation("::")
                        || tokens.get(i - 1).isPunctuation("("));
                if (s.length() > 0 && !tight) {
                    s.append(' ');
                }
                s.append(t.kind() == TokenKind.WORD ? t.value() : t.text());
            }
            return s.toString();
        }

        String rest() {
            String text = join(pos, tokens.size());
            pos = tokens.size();
            return text;
        }

        // ---- statements ----

        Command statement() {
            Token first = peek();
            if (first == null) {
                throw new NotUnderstood("empty statement");
            }
            if (first.isPunctuation("(")) {
                return new Command.Dml(Command.DmlKind.SELECT, null);
            }
            String word = first.kind() == TokenKind.WORD ? first.value() : "";
            return switch (word) {
                case "create" -> create();
                case "drop" -> drop();
                case "alter" -> alter();
                case "do" -> doBlock();
                case "set" -> set();
                case "begin", "start" -> new Command.Transaction(Command.TransactionKind.BEGIN);
                case "commit", "end" -> new Command.Transaction(Command.TransactionKind.COMMIT);
                case "abort" -> new Command.Transaction(Command.TransactionKind.ROLLBACK);
                case "rollback" -> isWordAt(1, "to") || isWordAt(2, "to")
                        ? new Command.Transaction(Command.TransactionKind.ROLLBACK_TO_SAVEPOINT)
                        : new Command.Transaction(Command.TransactionKind.ROLLBACK);
                case "savepoint" -> new Command.Transaction(Command.TransactionKind.SAVEPOINT);
                case "release" -> new Command.Transaction(Command.TransactionKind.RELEASE);
                case "vacuum" -> vacuum();
                case "cluster" -> cluster();
                case "reindex" -> reindex();
                case "lock" -> lock();
                case "truncate" -> truncate();
                case "refresh" -> refresh();
                case "select", "values", "table" -> new Command.Dml(Command.DmlKind.SELECT, null);
                case "with" -> new Command.Dml(Command.DmlKind.WITH, null);
                case "insert" -> dml(Command.DmlKind.INSERT, "insert", "into");
                case "update" -> dml(Command.DmlKind.UPDATE, "update");
                case "delete" -> dml(Command.DmlKind.DELETE, "delete", "from");
                case "merge" -> dml(Command.DmlKind.MERGE, "merge", "into");
                case "copy" -> dml(Command.DmlKind.COPY, "copy");
                case "call" -> new Command.Dml(Command.DmlKind.CALL, null);
                default -> {
                    if (HARMLESS.contains(word)) {
                        yield new Command.Harmless(word.toUpperCase(Locale.ROOT));
                    }
                    throw new NotPostgres("'" + first.text() + "' is not a PostgreSQL command");
                }
            };
        }

        Command dml(Command.DmlKind kind, String... words) {
            for (String w : words) {
                expect(w);
            }
            accept("only");
            Name table = peek() == null || peek().isPunctuation("(") ? null : name();
            if (table == null || kind != Command.DmlKind.UPDATE && kind != Command.DmlKind.DELETE) {
                return new Command.Dml(kind, table);
            }
            // the top-level WHERE, up to RETURNING
            int depth = 0;
            int where = -1;
            int end = tokens.size();
            for (int i = pos; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.isPunctuation("(")) {
                    depth++;
                } else if (t.isPunctuation(")")) {
                    depth--;
                } else if (depth == 0 && t.isWord("where") && where < 0) {
                    where = i + 1;
                } else if (depth == 0 && t.isWord("returning")) {
                    end = i;
                    break;
                }
            }
            pos = tokens.size();
            return new Command.Dml(kind, table, where >= 0 ? join(where, end) : "");
        }

        Command set() {
            expect("set");
            boolean local = accept("local");
            accept("session");
            if (accept("constraints") || isWord("transaction") || isWord("role") || isWord("session")
                    || isWord("authorization")) {
                return new Command.Harmless("SET " + rest().toUpperCase(Locale.ROOT));
            }
            if (acceptAll("time", "zone")) {
                Token zone = peek();
                return new Command.SetVariable("timezone", zone != null && zone.kind() == TokenKind.STRING ? zone.value()
                        : rest(), local);
            }
            String variable = name().display();
            if (!accept("to") && !acceptOperator("=")) {
                throw new NotUnderstood("expected TO or = in SET " + where());
            }
            Token value = peek();
            String text = value == null ? "" : value.kind() == TokenKind.STRING ? value.value() : rest();
            return new Command.SetVariable(variable, text, local);
        }

        boolean acceptOperator(String op) {
            Token t = peek();
            if (t != null && t.kind() == TokenKind.OPERATOR && t.text().equals(op)) {
                pos++;
                return true;
            }
            return false;
        }

        Command vacuum() {
            expect("vacuum");
            boolean full = false;
            if (peek() != null && peek().isPunctuation("(")) {
                full = group().matches("(?s).*\\bfull\\b(?!\\s+(false|off|0)\\b).*");
            }
            while (isWord("full") || isWord("freeze") || isWord("verbose") || isWord("analyze") || isWord("analyse")) {
                full |= peek().isWord("full");
                pos++;
            }
            return new Command.Vacuum(full, atEnd() ? List.of() : names());
        }

        Command cluster() {
            expect("cluster");
            accept("verbose");
            return new Command.Cluster(atEnd() ? null : name());
        }

        Command reindex() {
            expect("reindex");
            boolean concurrently = false;
            if (peek() != null && peek().isPunctuation("(")) {
                concurrently = group().contains("concurrently");
            }
            String target = identifier().toUpperCase(Locale.ROOT);
            concurrently |= accept("concurrently");
            return new Command.Reindex(target, concurrently);
        }

        Command lock() {
            expect("lock");
            accept("table");
            List<Name> tables = names();
            String mode = "ACCESS EXCLUSIVE";
            if (accept("in")) {
                StringBuilder m = new StringBuilder();
                while (!atEnd() && !isWord("mode")) {
                    m.append(m.length() == 0 ? "" : " ").append(identifier().toUpperCase(Locale.ROOT));
                }
                mode = m.toString();
            }
            return new Command.Lock(tables, mode);
        }

        Command truncate() {
            expect("truncate");
            accept("table");
            List<Name> tables = names();
            boolean cascade = false;
            for (; !atEnd(); pos++) {
                cascade |= isWord("cascade");
            }
            return new Command.Truncate(tables, cascade);
        }

        Command refresh() {
            expect("refresh");
            expect("materialized");
            expect("view");
            boolean concurrently = accept("concurrently");
            return new Command.RefreshMaterializedView(name(), concurrently);
        }

        Command doBlock() {
            expect("do");
            if (accept("language")) {
                identifier();
            }
            Token body = peek();
            if (body == null || body.kind() != TokenKind.STRING) {
                throw new NotUnderstood("DO without a code string");
            }
            pos++;
            String code = body.value();
            List<String> types = new ArrayList<>();
            Matcher m = CREATE_TYPE_IN_BODY.matcher(code);
            for (int from = 0; WordSearch.find(m, code, from, "create"); from = m.end()) {
                types.add(foldIdentifier(m.group(1)));
            }
            return new Command.DoBlock(code, catchesDuplicate(code), checksCatalog(code), types, wrappedStatements(code));
        }

        // ---- CREATE ----

        /** The word after CREATE, ALTER or DROP must name a kind of object. */
        void expectObjectKind(String command) {
            Token kind = peek();
            if (kind == null || kind.kind() != TokenKind.WORD || !OBJECT_KINDS.contains(kind.value())) {
                throw new NotPostgres("'" + command + (kind == null ? "" : " " + kind.text())
                        + "' is not a PostgreSQL command");
            }
        }

        Command create() {
            expect("create");
            expectObjectKind("CREATE");
            boolean orReplace = acceptAll("or", "replace");
            // GLOBAL and LOCAL come before TEMPORARY, as PostgreSQL's grammar has them
            boolean scoped = accept("global") || accept("local");
            boolean temporary = accept("temporary") || accept("temp") || scoped;
            accept("unlogged");
            if (accept("table")) {
                return createTable(temporary);
            }
            boolean unique = accept("unique");
            if (accept("index")) {
                return createIndex(unique);
            }
            if (accept("type")) {
                return createType();
            }
            if (acceptAll("materialized", "view")) {
                return createObject("MATERIALIZED VIEW", orReplace);
            }
            if (accept("recursive")) {
                expect("view");
                return createObject("VIEW", orReplace);
            }
            accept("trusted");
            accept("procedural");
            accept("constraint");
            accept("default");
            Token kind = peek();
            if (kind == null || kind.kind() != TokenKind.WORD) {
                throw new NotUnderstood("CREATE of what " + where());
            }
            String object = kind.value();
            pos++;
            if (Set.of("event", "foreign", "text", "operator", "access", "user").contains(object)) {
                // Two-word kinds: EVENT TRIGGER, FOREIGN TABLE, TEXT SEARCH ..., OPERATOR CLASS, ACCESS METHOD, USER MAPPING.
                String second = identifier();
                object = object + " " + second;
                if (object.equals("text search")) {
                    object = object + " " + identifier();
                }
            }
            return createObject(object.toUpperCase(Locale.ROOT), orReplace);
        }

        Command createObject(String kind, boolean orReplace) {
            if (kind.equals("CAST")) {
                // CREATE CAST (source AS target) ...: named by its types, not by a name.
                pos = tokens.size();
                return new Command.CreateObject(kind, null, false, orReplace);
            }
            if (kind.equals("TRIGGER")) {
                Name trigger = name();
                Name table = afterTopLevelOn();
                pos = tokens.size();
                return table == null ? new Command.CreateObject(kind, trigger, false, orReplace)
                        : new Command.CreateTrigger(trigger, table, orReplace);
            }
            boolean ifNotExists = acceptAll("if", "not", "exists");
            Name name = atEnd() || kind.equals("SCHEMA") && isWord("authorization") ? null : name();
            if ((kind.equals("FUNCTION") || kind.equals("PROCEDURE")) && peek() != null && peek().isPunctuation("(")) {
                String arguments = group();
                String volatility = kind.equals("PROCEDURE") ? null : "VOLATILE";
                // its attributes are words after the signature; the body is a string, so its words are not tokens
                for (; !atEnd(); pos++) {
                    if (isWord("immutable") || isWord("stable") || isWord("volatile")) {
                        volatility = peek().value().toUpperCase(Locale.ROOT);
                    }
                }
                return new Command.CreateObject(kind, name, ifNotExists, orReplace, arguments, volatility);
            }
            pos = tokens.size();
            return new Command.CreateObject(kind, name, ifNotExists, orReplace);
        }

        Command createTable(boolean temporary) {
            boolean ifNotExists = acceptAll("if", "not", "exists");
            Name table = name();
            List<ColumnDef> columns = new ArrayList<>();
            List<ConstraintDef> constraints = new ArrayList<>();
            if (accept("partition")) {
                expect("of");
                name();
                pos = tokens.size();
                return new Command.CreateTable(table, ifNotExists, temporary, false, true, columns, constraints);
            }
            if (accept("of")) {
                name();
                pos = tokens.size();
                return new Command.CreateTable(table, ifNotExists, temporary, false, false, columns, constraints);
            }
            if (peek() != null && peek().isPunctuation("(")) {
                pos++;
                while (!atEnd() && !peek().isPunctuation(")")) {
                    if (isWord("constraint") || isWord("primary") || isWord("unique") || isWord("check")
                            || isWord("foreign") || isWord("exclude")) {
                        constraints.add(constraint());
                    } else if (accept("like")) {
                        untilComma();
                    } else {
                        ColumnDef column = columnDef(constraints);
                        columns.add(column);
                    }
                    if (!acceptPunctuation(",")) {
                        break;
                    }
                }
                if (!acceptPunctuation(")")) {
                    throw new NotUnderstood("expected ) closing the column list " + where());
                }
            }
            boolean asQuery = false;
            while (!atEnd()) {
                if (accept("as")) {
                    asQuery = true;
                    pos = tokens.size();
                } else {
                    pos++;
                }
            }
            return new Command.CreateTable(table, ifNotExists, temporary, asQuery, false, columns, constraints);
        }

        /** A column definition; column-level FOREIGN KEY and CHECK constraints are also added to {@code constraints}. */
        ColumnDef columnDef(List<ConstraintDef> constraints) {
            String name = identifier();
            StringBuilder type = new StringBuilder();
            int typeStart = pos;
            while (!atEnd() && !peek().isPunctuation(",") && !peek().isPunctuation(")") && !isColumnConstraintStart()) {
                if (peek().isPunctuation("(") || peek().isPunctuation("[")) {
                    if (peek().isPunctuation("(")) {
                        group();
                    } else {
                        pos++;
                    }
                } else {
                    pos++;
                }
            }
            type.append(join(typeStart, pos));
            boolean notNull = false;
            boolean primaryKey = false;
            boolean unique = false;
            boolean references = false;
            boolean generated = false;
            boolean identity = false;
            boolean storedGenerated = false;
            String defaultExpression = null;
            while (!atEnd() && !peek().isPunctuation(",") && !peek().isPunctuation(")")) {
                String constraintName = null;
                if (accept("constraint")) {
                    constraintName = identifier();
                }
                if (acceptAll("not", "null")) {
                    notNull = true;
                } else if (accept("null")) {
                    notNull = false;
                } else if (accept("default")) {
                    defaultExpression = defaultExpression();
                } else if (acceptAll("primary", "key")) {
                    primaryKey = true;
                    notNull = true;
                    skipIndexParameters();
                } else if (accept("unique")) {
                    unique = true;
                    acceptAll("nulls", "not", "distinct");
                    acceptAll("nulls", "distinct");
                    skipIndexParameters();
                } else if (accept("references")) {
                    references = true;
                    name();
                    if (peek() != null && peek().isPunctuation("(")) {
                        group();
                    }
                    skipReferenceOptions();
                    constraints.add(new ConstraintDef(constraintName, ConstraintKind.FOREIGN_KEY, false, null, List.of(name)));
                } else if (accept("check")) {
                    String expression = group();
                    acceptAll("no", "inherit");
                    constraints.add(new ConstraintDef(constraintName, ConstraintKind.CHECK, false, null, List.of(name),
                            expression));
                } else if (accept("generated")) {
                    if (accept("always")) {
                        if (accept("as") && isWord("identity")) {
                            pos++;
                            identity = true;
                            if (peek() != null && peek().isPunctuation("(")) {
                                group();
                            }
                        } else {
                            generated = true;
                            group();
                            // PostgreSQL 18 computes a generated column on read unless it says STORED.
                            storedGenerated = accept("stored");
                            accept("virtual");
                        }
                    } else {
                        acceptAll("by", "default");
                        expect("as");
                        expect("identity");
                        identity = true;
                        if (peek() != null && peek().isPunctuation("(")) {
                            group();
                        }
                    }
                } else if (accept("collate")) {
                    name();
                } else if (accept("deferrable") || acceptAll("not", "deferrable") || acceptAll("initially", "deferred")
                        || acceptAll("initially", "immediate")) {
                    continue;
                } else if (accept("storage") || accept("compression")) {
                    identifier();
                } else {
                    throw new NotUnderstood("column option " + where());
                }
            }
            return new ColumnDef(name, type.toString(), notNull, defaultExpression, primaryKey, unique, references,
                    generated, identity, storedGenerated);
        }

        boolean isColumnConstraintStart() {
            return isWord("not") && isWordAt(1, "null") || isWord("null") || isWord("default") || isWord("constraint")
                    || isWord("primary") || isWord("unique") || isWord("references") || isWord("check")
                    || isWord("generated") || isWord("collate") || isWord("storage") || isWord("compression")
                    || isWord("deferrable") || isWord("initially");
        }

        String defaultExpression() {
            int start = pos;
            int depth = 0;
            while (!atEnd()) {
                Token t = peek();
                if (depth == 0 && (t.isPunctuation(",") || t.isPunctuation(")") || isColumnConstraintStart()
                        && !t.isWord("null") && !t.isWord("default"))) {
                    break;
                }
                if (t.isPunctuation("(")) {
                    depth++;
                } else if (t.isPunctuation(")")) {
                    depth--;
                }
                pos++;
            }
            return join(start, pos);
        }

        void skipIndexParameters() {
            while (accept("include") || accept("with") || acceptAll("using", "index", "tablespace")) {
                if (peek() != null && peek().isPunctuation("(")) {
                    group();
                } else {
                    identifier();
                }
            }
        }

        void skipReferenceOptions() {
            while (true) {
                if (accept("match")) {
                    identifier();
                } else if (acceptAll("on", "delete") || acceptAll("on", "update")) {
                    if (!acceptAll("set", "null") && !acceptAll("set", "default") && !acceptAll("no", "action")) {
                        identifier();
                    }
                    if (peek() != null && peek().isPunctuation("(")) {
                        group();
                    }
                } else if (accept("deferrable") || acceptAll("not", "deferrable") || acceptAll("initially", "deferred")
                        || acceptAll("initially", "immediate")) {
                    continue;
                } else {
                    return;
                }
            }
        }

        ConstraintDef constraint() {
            String constraintName = accept("constraint") ? identifier() : null;
            ConstraintKind kind;
            List<String> columns = new ArrayList<>();
            String usingIndex = null;
            String expression = null;
            Name references = null;
            List<String> referencedColumns = new ArrayList<>();
            if (acceptAll("primary", "key")) {
                kind = ConstraintKind.PRIMARY_KEY;
                usingIndex = keyColumnsOrIndex(columns);
            } else if (accept("unique")) {
                kind = ConstraintKind.UNIQUE;
                acceptAll("nulls", "not", "distinct");
                acceptAll("nulls", "distinct");
                usingIndex = keyColumnsOrIndex(columns);
            } else if (accept("check")) {
                kind = ConstraintKind.CHECK;
                expression = group();
                acceptAll("no", "inherit");
            } else if (acceptAll("foreign", "key")) {
                kind = ConstraintKind.FOREIGN_KEY;
                columns.addAll(identifiers(group()));
                expect("references");
                references = name();
                if (peek() != null && peek().isPunctuation("(")) {
                    referencedColumns.addAll(identifiers(group()));
                }
                skipReferenceOptions();
            } else if (accept("exclude")) {
                kind = ConstraintKind.EXCLUDE;
                if (accept("using")) {
                    identifier();
                }
                group();
                skipIndexParameters();
                if (accept("where")) {
                    group();
                }
            } else if (acceptAll("not", "null")) {
                kind = ConstraintKind.NOT_NULL;
                columns.add(identifier());
            } else {
                throw new NotUnderstood("constraint " + where());
            }
            boolean notValid = false;
            while (!atEnd() && !peek().isPunctuation(",") && !peek().isPunctuation(")")) {
                if (acceptAll("not", "valid")) {
                    notValid = true;
                } else if (accept("deferrable") || acceptAll("not", "deferrable") || acceptAll("initially", "deferred")
                        || acceptAll("initially", "immediate") || acceptAll("no", "inherit") || acceptAll("not", "enforced")
                        || accept("enforced")) {
                    continue;
                } else {
                    throw new NotUnderstood("constraint option " + where());
                }
            }
            return new ConstraintDef(constraintName, kind, notValid, usingIndex, columns, expression, references,
                    referencedColumns);
        }

        /** The key columns of PRIMARY KEY / UNIQUE, or the index of {@code USING INDEX name}. */
        String keyColumnsOrIndex(List<String> columns) {
            if (acceptAll("using", "index")) {
                return identifier();
            }
            columns.addAll(identifiers(group()));
            skipIndexParameters();
            return null;
        }

        List<String> identifiers(String commaList) {
            List<String> out = new ArrayList<>();
            for (String part : commaList.split(",")) {
                String p = part.strip();
                if (!p.isEmpty()) {
                    out.add(p.split("\\s+")[0]);
                }
            }
            return out;
        }

        Command createIndex(boolean unique) {
            boolean concurrently = accept("concurrently");
            boolean ifNotExists = acceptAll("if", "not", "exists");
            String name = isWord("on") ? null : identifier();
            if (name != null && acceptPunctuation(".")) {
                name = identifier();
            }
            expect("on");
            boolean only = accept("only");
            Name table = name();
            if (accept("using")) {
                identifier();
            }
            List<String> columns = peek() != null && peek().isPunctuation("(") ? identifiers(group()) : List.of();
            pos = tokens.size();
            return new Command.CreateIndex(name, table, unique, concurrently, ifNotExists, columns, only);
        }

        Command createType() {
            Name type = name();
            if (atEnd()) {
                return new Command.CreateType(type, Command.TypeKind.SHELL, List.of());
            }
            expect("as");
            if (accept("enum")) {
                List<String> labels = new ArrayList<>();
                if (!acceptPunctuation("(")) {
                    throw new NotUnderstood("expected ( after ENUM");
                }
                while (!atEnd() && !peek().isPunctuation(")")) {
                    Token label = peek();
                    if (label.kind() != TokenKind.STRING) {
                        throw new NotUnderstood("enum label " + where());
                    }
                    labels.add(label.value());
                    pos++;
                    acceptPunctuation(",");
                }
                acceptPunctuation(")");
                return new Command.CreateType(type, Command.TypeKind.ENUM, labels);
            }
            if (accept("range")) {
                pos = tokens.size();
                return new Command.CreateType(type, Command.TypeKind.RANGE, List.of());
            }
            if (peek() != null && peek().isPunctuation("(")) {
                group();
                return new Command.CreateType(type, Command.TypeKind.COMPOSITE, List.of());
            }
            throw new NotUnderstood("CREATE TYPE form " + where());
        }

        // ---- DROP ----

        Command drop() {
            expect("drop");
            expectObjectKind("DROP");
            if (accept("table")) {
                boolean ifExists = acceptAll("if", "exists");
                List<Name> tables = names();
                boolean cascade = accept("cascade");
                return new Command.DropTable(tables, ifExists, cascade);
            }
            if (accept("index")) {
                boolean concurrently = accept("concurrently");
                boolean ifExists = acceptAll("if", "exists");
                return new Command.DropIndex(names(), concurrently, ifExists);
            }
            StringBuilder kind = new StringBuilder();
            while (!atEnd() && peek().kind() == TokenKind.WORD && !isWord("if") && kind.length() < 40
                    && (kind.length() == 0 || isMultiWordKindContinuation(kind.toString()))) {
                kind.append(kind.length() == 0 ? "" : " ").append(peek().value().toUpperCase(Locale.ROOT));
                pos++;
            }
            boolean ifExists = acceptAll("if", "exists");
            if (kind.toString().equals("TRIGGER") && !atEnd()) {
                Name trigger = name();
                Name table = accept("on") ? name() : null;
                pos = tokens.size();
                if (table != null) {
                    return new Command.DropTrigger(trigger, table, ifExists);
                }
                return new Command.DropObject("TRIGGER", List.of(trigger), ifExists);
            }
            List<Name> names = new ArrayList<>();
            if (!atEnd() && !kind.toString().equals("OWNED")) {
                names.add(name());
            }
            pos = tokens.size();
            return new Command.DropObject(kind.toString(), names, ifExists);
        }

        /** The name after the next top-level ON (CREATE TRIGGER t AFTER INSERT ON table ...), or {@code null}. */
        Name afterTopLevelOn() {
            int depth = 0;
            while (!atEnd()) {
                Token t = peek();
                if (t.isPunctuation("(")) {
                    depth++;
                } else if (t.isPunctuation(")")) {
                    depth--;
                } else if (depth == 0 && t.isWord("on")) {
                    pos++;
                    accept("only");
                    return name();
                }
                pos++;
            }
            return null;
        }

        boolean isMultiWordKindContinuation(String kindSoFar) {
            Token t = peek();
            return switch (kindSoFar) {
                case "MATERIALIZED" -> t.isWord("view");
                case "EVENT" -> t.isWord("trigger");
                case "FOREIGN" -> t.isWord("table") || t.isWord("data");
                case "FOREIGN DATA" -> t.isWord("wrapper");
                case "TEXT" -> t.isWord("search");
                case "TEXT SEARCH" -> true;
                case "ACCESS" -> t.isWord("method");
                case "OPERATOR" -> t.isWord("class") || t.isWord("family");
                case "USER" -> t.isWord("mapping");
                default -> false;
            };
        }

        // ---- ALTER ----

        Command alter() {
            expect("alter");
            expectObjectKind("ALTER");
            if (accept("table")) {
                return alterTable();
            }
            if (accept("type")) {
                Name type = name();
                if (acceptAll("add", "value")) {
                    boolean ifNotExists = acceptAll("if", "not", "exists");
                    Token value = peek();
                    if (value == null || value.kind() != TokenKind.STRING) {
                        throw new NotUnderstood("ALTER TYPE ADD VALUE without a label");
                    }
                    pos = tokens.size();
                    return new Command.AlterTypeAddValue(type, value.value(), ifNotExists);
                }
                if (acceptAll("rename", "to")) {
                    return new Command.RenameType(type, identifier());
                }
                return new Command.Harmless("ALTER TYPE");
            }
            Token kind = peek();
            if (kind == null) {
                throw new NotUnderstood("ALTER of what");
            }
            int start = pos;
            String renamable = acceptAll("materialized", "view") ? "MATERIALIZED VIEW"
                    : Set.of("index", "sequence", "view", "function", "procedure", "routine", "schema")
                    .contains(kind.value()) ? kind.value().toUpperCase(Locale.ROOT) : null;
            if (renamable != null) {
                if (!renamable.equals("MATERIALIZED VIEW")) {
                    pos++;
                }
                acceptAll("if", "exists");
                Name name = name();
                if (peek() != null && peek().isPunctuation("(")) {
                    group();
                }
                if (acceptAll("rename", "to")) {
                    return new Command.RenameObject(renamable, name, identifier());
                }
                if (acceptAll("set", "schema")) {
                    return new Command.RenameObject(renamable, name, null);
                }
                pos = start;
            }
            return new Command.Harmless("ALTER " + rest().split(" ")[0].toUpperCase(Locale.ROOT));
        }

        Command alterTable() {
            boolean ifExists = acceptAll("if", "exists");
            accept("only");
            Name table = name();
            acceptPunctuation("*");
            List<AlterAction> actions = new ArrayList<>();
            if (accept("rename")) {
                if (accept("to")) {
                    actions.add(new Command.RenameTable(identifier()));
                } else if (accept("constraint")) {
                    String from = identifier();
                    expect("to");
                    actions.add(new Command.RenameConstraint(from, identifier()));
                } else {
                    accept("column");
                    String from = identifier();
                    expect("to");
                    actions.add(new Command.RenameColumn(from, identifier()));
                }
                return new Command.AlterTable(table, ifExists, actions);
            }
            if (isWord("set") && isWordAt(1, "schema")) {
                pos += 2;
                actions.add(new Command.OtherAction("SET SCHEMA " + identifier()));
                return new Command.AlterTable(table, ifExists, actions);
            }
            if (acceptAll("attach", "partition")) {
                Name partition = name();
                boolean isDefault = accept("default");
                pos = tokens.size();
                actions.add(new Command.AttachPartition(partition, isDefault));
                return new Command.AlterTable(table, ifExists, actions);
            }
            if (isWord("detach")) {
                actions.add(new Command.OtherAction(rest().toUpperCase(Locale.ROOT)));
                return new Command.AlterTable(table, ifExists, actions);
            }
            do {
                actions.add(alterAction());
                actions.addAll(pendingColumnChecks);
                pendingColumnChecks.clear();
            } while (acceptPunctuation(","));
            if (!atEnd()) {
                throw new NotUnderstood("ALTER TABLE subcommand " + where());
            }
            return new Command.AlterTable(table, ifExists, actions);
        }

        /** The CHECK constraints of the ADD COLUMN just read, which follow it as subcommands of their own. */
        private final List<AlterAction> pendingColumnChecks = new ArrayList<>();

        AlterAction alterAction() {
            if (accept("add")) {
                if (isWord("constraint") || isWord("primary") || isWord("unique") || isWord("check")
                        || isWord("foreign") || isWord("exclude")) {
                    return new Command.AddConstraint(constraint());
                }
                accept("column");
                boolean ifNotExists = acceptAll("if", "not", "exists");
                List<ConstraintDef> columnConstraints = new ArrayList<>();
                ColumnDef column = columnDef(columnConstraints);
                // A CHECK written on the new column is checked against every row, like ADD CONSTRAINT CHECK.
                columnConstraints.stream().filter(c -> c.kind() == Command.ConstraintKind.CHECK)
                        .forEach(c -> pendingColumnChecks.add(new Command.AddConstraint(c)));
                return new Command.AddColumn(column, ifNotExists);
            }
            if (accept("drop")) {
                if (accept("constraint")) {
                    boolean ifExists = acceptAll("if", "exists");
                    String name = identifier();
                    accept("cascade");
                    accept("restrict");
                    return new Command.DropConstraint(name, ifExists);
                }
                accept("column");
                boolean ifExists = acceptAll("if", "exists");
                String column = identifier();
                boolean cascade = accept("cascade");
                accept("restrict");
                return new Command.DropColumn(column, ifExists, cascade);
            }
            if (accept("validate")) {
                expect("constraint");
                return new Command.ValidateConstraint(identifier());
            }
            if (isWord("alter") && isWordAt(1, "constraint")) {
                return new Command.OtherAction(untilComma().toUpperCase(Locale.ROOT));
            }
            if (accept("alter")) {
                accept("column");
                String column = identifier();
                if (acceptAll("set", "data", "type") || accept("type")) {
                    int start = pos;
                    while (!atEnd() && !peek().isPunctuation(",") && !isWord("using") && !isWord("collate")) {
                        if (peek().isPunctuation("(")) {
                            group();
                        } else {
                            pos++;
                        }
                    }
                    String type = join(start, pos);
                    if (accept("collate")) {
                        name();
                    }
                    String using = accept("using") ? untilComma() : null;
                    return new Command.AlterColumnType(column, type, using != null, using);
                }
                if (acceptAll("set", "not", "null")) {
                    return new Command.SetNotNull(column);
                }
                if (acceptAll("drop", "not", "null")) {
                    return new Command.DropNotNull(column);
                }
                if (acceptAll("set", "default")) {
                    return new Command.SetDefault(column, untilComma());
                }
                if (acceptAll("drop", "default")) {
                    return new Command.DropDefault(column);
                }
                String words = untilComma();
                return new Command.OtherAction("ALTER COLUMN " + column + " " + words.toUpperCase(Locale.ROOT));
            }
            String words = untilComma();
            if (words.isEmpty()) {
                throw new NotUnderstood("ALTER TABLE subcommand " + where());
            }
            return new Command.OtherAction(words.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Whether the body has an EXCEPTION clause with a WHEN for duplicate_object, OTHERS or SQLSTATE '42710' (before
     * the next semicolon): what {@code \\bexception\\b.*\\bwhen\\b[^;]*\\b(duplicate_object|others|...)\\b}
     * matches, found in one pass. As one pattern it backtracked over the rest of the body from every WHEN, and long
     * bodies with many handlers took time quadratic in their length.
     */
    static boolean catchesDuplicate(String code) {
        Matcher exception = EXCEPTION_WORD.matcher(code);
        if (!WordSearch.contains(exception, code, "exception")) {
            return false;
        }
        Matcher when = WHEN_WORD.matcher(code);
        Matcher condition = DUPLICATE_CONDITION.matcher(code).useTransparentBounds(true).useAnchoringBounds(false);
        for (int from = exception.end(); WordSearch.find(when, code, from, "when"); from = when.end()) {
            int semicolon = code.indexOf(';', when.end());
            if (condition.region(when.end(), semicolon < 0 ? code.length() : semicolon).find()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the body checks the catalog before creating: NOT EXISTS, IF NOT FOUND or to_regtype followed anywhere by
     * a catalog name, or a to_regtype(...) call; the first guard word is the one with the most text after it.
     */
    static boolean checksCatalog(String code) {
        Matcher guard = CATALOG_GUARD.matcher(code);
        return WordSearch.contains(guard, code, "not", "if", "to_regtype")
                && WordSearch.find(CATALOG_NAME.matcher(code), code, guard.end(), "pg_type", "pg_catalog", "to_regtype",
                "information_schema")
                || WordSearch.contains(TO_REGTYPE_CALL.matcher(code), code, "to_regtype");
    }

    private static final Pattern WRAPPER = Pattern.compile(
            "(?is)^\\s*begin\\s+(.*?)(?:\\bexception\\s+when\\b.*)?\\bend\\s*;?\\s*$");

    /**
     * The statements of a body that only wraps SQL in {@code BEGIN ... [EXCEPTION ...] END}; empty when the
     * body is real PL/pgSQL (IF, LOOP, variables: any statement that does not type as SQL).
     */
    private static List<Command> wrappedStatements(String code) {
        Matcher m = WRAPPER.matcher(code);
        if (!m.matches()) {
            return List.of();
        }
        List<Command> statements = new ArrayList<>();
        try {
            for (Statement inner : StatementSplitter.split(null, m.group(1), 1).statements()) {
                Command command = parse(inner);
                // PL/pgSQL (IF, RAISE, PERFORM, a loop) is no SQL statement: the body is real code, not a wrapper
                if (command instanceof Command.Unrecognized || command instanceof Command.SyntaxError
                        || command instanceof Command.MetaCommand || command instanceof Command.Harmless) {
                    return List.of();
                }
                statements.add(command);
            }
        } catch (SqlSyntaxException notSql) {
            return List.of();
        }
        return statements;
    }

    /** The last part of a possibly qualified, possibly quoted name, as PostgreSQL folds it. */
    private static String foldIdentifier(String raw) {
        String last = raw.strip();
        int dot = last.lastIndexOf('.');
        if (dot >= 0 && (last.endsWith("\"") ? last.lastIndexOf('"', last.length() - 2) > dot : true)) {
            last = last.substring(dot + 1).strip();
        }
        return last.startsWith("\"") ? last.substring(1, last.length() - 1) : last.toLowerCase(Locale.ROOT);
    }
}
