package dev.schemaguard.consumers;

import dev.schemaguard.consumers.QueryScope.Relation;
import dev.schemaguard.sql.Token;
import dev.schemaguard.sql.TokenKind;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads one statement's tokens by PostgreSQL's query grammar, as far as it decides which relation each name belongs
 * to: the clauses of SELECT, INSERT, UPDATE, DELETE and MERGE, joins, CTEs and subqueries with their scopes, and
 * every expression form that holds or hides a column name (function calls, casts, CASE, typed constants, operators
 * spelt as words). It records what the statement names as {@link PendingReference}s in the order written; names are
 * resolved afterwards, once every scope is complete. Syntax it does not know ends the statement's analysis with an
 * {@link Unanalysable} instead of a guess.
 */
final class ReferenceParser {

    /**
     * PostgreSQL's reserved key words (those reserved even as function or type names, and those that may only be
     * one): none is a column, alias or table name unless quoted, so one ends an expression or a select item.
     */
    /** The deepest nesting followed; see {@link #enterNesting()}. */
    static final int MAX_NESTING = 200;

    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as", "asc",
            "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral",
            "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
            "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric",
            "system_user", "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic",
            "when", "where", "window", "with",
            "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");
    /** Reserved words written as function calls: {@code left(name, 3)}, {@code current_time(0)}, CAST(x AS t). */
    private static final Set<String> CALLABLE_RESERVED = Set.of("cast", "left", "right", "current_schema",
            "current_time", "current_timestamp", "localtime", "localtimestamp");
    /** Words that are values by themselves. */
    private static final Set<String> CONSTANTS = Set.of("null", "true", "false", "default", "current_date",
            "current_time", "current_timestamp", "localtime", "localtimestamp", "current_user", "session_user",
            "system_user", "user", "current_role", "current_catalog", "current_schema");
    /** Reserved words that can start a value, so that they do not end an expression list. */
    private static final Set<String> RESERVED_VALUE_STARTS = Set.of("not", "case", "cast", "array", "any", "some",
            "all", "null", "true", "false", "default", "current_date", "current_time", "current_timestamp",
            "localtime", "localtimestamp", "current_user", "session_user", "system_user", "user", "current_role",
            "current_catalog", "current_schema", "left", "right");
    /** The fields an INTERVAL constant may name after its string: {@code interval '1' day}. */
    private static final Set<String> INTERVAL_FIELDS = Set.of("year", "month", "day", "hour", "minute", "second",
            "to");
    /** The words of a window frame clause other than its offsets. */
    private static final Set<String> FRAME_WORDS = Set.of("between", "and", "unbounded", "preceding", "following",
            "current", "row", "exclude", "no", "others", "ties", "group");

    /** What an expression is, as far as a select list needs it: the name PostgreSQL gives it, the column it is. */
    private record Shape(String name, ColumnUse column, ColumnUse star) {
        static final Shape NONE = new Shape(null, null, null);
    }

    /** A select core, VALUES list or parenthesised query: its scope (when it has one) and its columns. */
    private record Primary(QueryScope scope, QueryOutput output) {
    }

    /** A table name as written: {@code players}, {@code public.players}, {@code "Players"}. */
    private record TableName(String schema, String name) {
        String key() {
            return QueryScope.tableKey(schema, name);
        }
    }

    /** The statement uses syntax this parser does not follow. */
    static final class Unanalysable extends RuntimeException {
        private final int line;
        private final Token at;

        Unanalysable(int line, String message) {
            this(line, message, null);
        }

        Unanalysable(int line, String message, Token at) {
            super(message, null, false, false);
            this.line = line;
            this.at = at;
        }

        int line() {
            return line;
        }

        /** The token the statement could not be read past, or {@code null}. */
        Token at() {
            return at;
        }
    }

    /**
     * What one statement names.
     *
     * @param references    what it names, in the order written
     * @param unknownTables the tables it uses that the schema does not have
     * @param problems      where its references' resolution reports what it could not attribute
     */
    record Result(List<PendingReference> references, Set<String> unknownTables, List<Resolution.Problem> problems) {
    }

    private final List<Token> tokens;
    private final SchemaColumns schema;
    private final List<PendingReference> references = new ArrayList<>();
    private final Set<String> unknownTables = new LinkedHashSet<>();
    private final List<Resolution.Problem> problems = new ArrayList<>();
    private int pos;
    /** How many expressions, queries and FROM items enclose the current token. */
    private int depth;

    private ReferenceParser(List<Token> tokens, SchemaColumns schema) {
        this.tokens = tokens;
        this.schema = schema;
    }

    /**
     * Reads one statement (its tokens without comments). A statement that neither reads nor writes rows (DDL, SET,
     * ...) names nothing.
     *
     * @throws Unanalysable where the statement leaves the grammar this parser follows
     */
    static Result parse(List<Token> tokens, SchemaColumns schema) {
        ReferenceParser parser = new ReferenceParser(tokens, schema);
        if (parser.isWord("truncate")) {
            parser.truncate();
        } else if (parser.isWord("create") && (parser.isWord(1, "index") || parser.isWord(1, "unique"))) {
            parser.createIndex();
        } else if (parser.isWord("alter") && parser.isWord(1, "table")) {
            parser.alterTable();
        } else if (parser.startsQuery(0) || parser.isWord("insert") || parser.isWord("update")
                || parser.isWord("delete") || parser.isWord("merge")) {
            parser.query(new QueryScope(null, true), true);
        } else {
            return new Result(List.of(), Set.of(), List.of());
        }
        if (parser.peek() != null) {
            throw parser.unexpected(null);
        }
        return new Result(parser.references, parser.unknownTables, parser.problems);
    }

    // ---- queries ----

    /** A query or DML statement with its WITH clause; its columns (select list or RETURNING). */
    private QueryOutput query(QueryScope enclosing, boolean seesEnclosing) {
        enterNesting();
        try {
            return queryBody(enclosing, seesEnclosing);
        } finally {
            depth--;
        }
    }

    private QueryOutput queryBody(QueryScope enclosing, boolean seesEnclosing) {
        QueryScope scope = enclosing;
        boolean sees = seesEnclosing;
        if (isWord("with")) {
            scope = new QueryScope(enclosing, seesEnclosing);
            withClause(scope);
            sees = true;
        }
        Token first = peek();
        String word = first != null && first.kind() == TokenKind.WORD ? first.value() : "";
        return switch (word) {
            case "insert" -> insert(scope);
            case "update" -> update(scope);
            case "delete" -> delete(scope);
            case "merge" -> merge(scope);
            default -> selectQuery(scope, sees);
        };
    }

    private void withClause(QueryScope scope) {
        expectWord("with");
        boolean recursive = acceptWord("recursive");
        do {
            String name = identifier();
            List<String> columns = isPunctuation(0, "(") ? nameList() : null;
            expectWord("as");
            if (acceptWord("not")) {
                expectWord("materialized");
            } else {
                acceptWord("materialized");
            }
            QueryOutput output = new QueryOutput();
            if (recursive) {
                scope.defineCte(name, output); // the body reads its own rows
            }
            expectPunctuation("(");
            output.derive(query(scope, true), columns);
            expectPunctuation(")");
            if (!recursive) {
                scope.defineCte(name, output); // inside its body the name still means a table of that name
            }
        } while (acceptPunctuation(","));
    }

    /** Select cores joined by UNION, INTERSECT, EXCEPT, then ORDER BY, LIMIT, OFFSET, FETCH and locking. */
    private QueryOutput selectQuery(QueryScope scope, boolean sees) {
        Primary first = primary(scope, sees);
        boolean compound = false;
        while (isWord("union") || isWord("intersect") || isWord("except")) {
            pos++;
            if (!acceptWord("all")) {
                acceptWord("distinct");
            }
            primary(scope, sees);
            compound = true;
        }
        QueryScope orderScope = first.scope();
        if (compound || orderScope == null) {
            // ORDER BY of a UNION or parenthesised query names its result's columns only.
            orderScope = new QueryScope(scope, sees);
            orderScope.setOutput(first.output());
        }
        if (acceptWords("order", "by")) {
            sortList(orderScope, true);
        }
        queryTail(orderScope);
        return first.output();
    }

    private Primary primary(QueryScope scope, boolean sees) {
        if (acceptPunctuation("(")) {
            QueryOutput output = query(scope, sees);
            expectPunctuation(")");
            return new Primary(null, output);
        }
        if (isWord("select")) {
            return select(scope, sees);
        }
        if (isWord("values")) {
            return values(scope, sees);
        }
        if (isWord("table")) {
            return table(scope, sees);
        }
        throw unexpected("SELECT, VALUES or TABLE");
    }

    private Primary select(QueryScope parent, boolean sees) {
        QueryScope scope = new QueryScope(parent, sees);
        QueryOutput output = new QueryOutput();
        scope.setOutput(output);
        expectWord("select");
        if (acceptWord("distinct")) {
            if (acceptWord("on")) {
                parenthesized(scope);
            }
        } else {
            acceptWord("all");
        }
        selectList(scope, output);
        if (acceptWord("from")) {
            fromList(scope);
        }
        if (acceptWord("where")) {
            expression(scope);
        }
        if (acceptWords("group", "by")) {
            groupBy(scope);
        }
        if (acceptWord("having")) {
            expression(scope);
        }
        if (acceptWord("window")) {
            do {
                identifier();
                expectWord("as");
                windowSpecification(scope);
            } while (acceptPunctuation(","));
        }
        return new Primary(scope, output);
    }

    private Primary values(QueryScope parent, boolean sees) {
        QueryScope scope = new QueryScope(parent, sees);
        expectWord("values");
        int width = 0;
        do {
            expectPunctuation("(");
            int columns = 0;
            do {
                expression(scope);
                columns++;
            } while (acceptPunctuation(","));
            expectPunctuation(")");
            width = Math.max(width, columns);
        } while (acceptPunctuation(","));
        List<String> names = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
            names.add("column" + i);
        }
        QueryOutput output = QueryOutput.named(names, false);
        scope.setOutput(output);
        return new Primary(scope, output);
    }

    /** {@code TABLE t}: {@code SELECT * FROM t}. */
    private Primary table(QueryScope parent, boolean sees) {
        QueryScope scope = new QueryScope(parent, sees);
        Token start = peek();
        expectWord("table");
        acceptWord("only");
        readRelation(scope, tableName(), null);
        acceptStar();
        ColumnUse star = ColumnUse.star(scope, null, null, start.line(), problems);
        references.add(star);
        QueryOutput output = new QueryOutput();
        output.addStar(star);
        scope.setOutput(output);
        return new Primary(scope, output);
    }

    private void queryTail(QueryScope scope) {
        while (true) {
            if (acceptWord("limit")) {
                if (!acceptWord("all")) {
                    expression(scope);
                }
            } else if (acceptWord("offset")) {
                expression(scope);
                if (!acceptWord("row")) {
                    acceptWord("rows");
                }
            } else if (acceptWord("fetch")) {
                if (!acceptWord("first")) {
                    expectWord("next");
                }
                if (!isWord("row") && !isWord("rows")) {
                    expression(scope);
                }
                if (!acceptWord("row")) {
                    expectWord("rows");
                }
                if (acceptWord("with")) {
                    expectWord("ties");
                } else {
                    expectWord("only");
                }
            } else if (acceptWord("for")) {
                lockingClause();
            } else {
                return;
            }
        }
    }

    /** FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF t, ...] [NOWAIT | SKIP LOCKED]. */
    private void lockingClause() {
        if (acceptWord("no")) {
            expectWord("key");
            expectWord("update");
        } else if (acceptWord("key")) {
            expectWord("share");
        } else if (!acceptWord("update")) {
            expectWord("share");
        }
        if (acceptWord("of")) {
            do {
                tableName();
            } while (acceptPunctuation(","));
        }
        if (acceptWord("skip")) {
            expectWord("locked");
        } else {
            acceptWord("nowait");
        }
    }

    private void selectList(QueryScope scope, QueryOutput output) {
        if (!isStar(peek()) && !startsValue(peek())) {
            return; // SELECT without columns is valid
        }
        do {
            Token token = peek();
            if (isStar(token)) {
                pos++;
                ColumnUse star = ColumnUse.star(scope, null, null, token.line(), problems);
                references.add(star);
                output.addStar(star);
                continue;
            }
            Shape shape = expression(scope);
            if (shape.star() != null) {
                output.addStar(shape.star());
                continue;
            }
            String alias = alias();
            output.add(alias != null ? alias : shape.name(), shape.column());
        } while (acceptPunctuation(","));
    }

    /** {@code AS name}, or a name that is not a reserved word: a select item's or a FROM item's alias. */
    private String alias() {
        if (acceptWord("as")) {
            return identifier();
        }
        Token token = peek();
        if (token != null && (token.kind() == TokenKind.QUOTED_IDENTIFIER
                || token.kind() == TokenKind.WORD && !RESERVED.contains(token.value()))) {
            pos++;
            return token.value();
        }
        return null;
    }

    private void groupBy(QueryScope scope) {
        if (!acceptWord("all")) {
            acceptWord("distinct");
        }
        do {
            if (isWord("grouping") && isWord(1, "sets")) {
                pos += 2;
                parenthesized(scope);
                continue;
            }
            int start = pos;
            Shape shape = expression(scope);
            if (pos == start + 1 && shape.column() != null) {
                shape.column().setRole(ColumnUse.Role.GROUP_BY_NAME);
            }
        } while (acceptPunctuation(","));
    }

    /** Sort items; with {@code outputNames}, a bare name may name a select list column (a query's ORDER BY). */
    private void sortList(QueryScope scope, boolean outputNames) {
        do {
            int start = pos;
            Shape shape = expression(scope);
            if (outputNames && pos == start + 1 && shape.column() != null) {
                shape.column().setRole(ColumnUse.Role.ORDER_BY_NAME);
            }
            if (!acceptWord("asc") && !acceptWord("desc") && acceptWord("using")) {
                expectKind(TokenKind.OPERATOR, "an operator");
            }
            if (acceptWord("nulls")) {
                if (!acceptWord("first")) {
                    expectWord("last");
                }
            }
        } while (acceptPunctuation(","));
    }

    private void windowSpecification(QueryScope scope) {
        expectPunctuation("(");
        Token first = peek();
        if (first != null && (first.kind() == TokenKind.QUOTED_IDENTIFIER || first.kind() == TokenKind.WORD
                && !isWord("partition") && !isWord("order") && !isWord("rows") && !isWord("range")
                && !isWord("groups"))) {
            pos++; // the window it refines
        }
        if (acceptWords("partition", "by")) {
            do {
                expression(scope);
            } while (acceptPunctuation(","));
        }
        if (acceptWords("order", "by")) {
            sortList(scope, false);
        }
        if (acceptWord("rows") || acceptWord("range") || acceptWord("groups")) {
            while (peek() != null && !isPunctuation(0, ")")) {
                if (peek().kind() == TokenKind.WORD && FRAME_WORDS.contains(peek().value())) {
                    pos++;
                } else {
                    expression(scope);
                }
            }
        }
        expectPunctuation(")");
    }

    // ---- FROM ----

    private void fromList(QueryScope scope) {
        do {
            joinedItems(scope);
        } while (acceptPunctuation(","));
    }

    /** A FROM item and the joins that follow it. */
    private void joinedItems(QueryScope scope) {
        int leftStart = scope.relations().size();
        fromItem(scope);
        while (true) {
            int before = pos;
            Token join = peek();
            if (acceptWord("natural")) {
                throw new Unanalysable(join.line(), "cannot analyse the statement: NATURAL JOIN joins on the "
                        + "columns both sides have, which depends on columns the query does not name");
            }
            boolean cross = acceptWord("cross");
            if (!cross && !acceptWord("inner") && (acceptWord("left") || acceptWord("right") || acceptWord("full"))) {
                acceptWord("outer");
            }
            if (pos == before && !isWord("join")) {
                return;
            }
            expectWord("join");
            int rightStart = scope.relations().size();
            fromItem(scope);
            if (cross) {
                continue;
            }
            if (acceptWord("on")) {
                expression(scope);
            } else {
                expectWord("using");
                usingColumns(scope, leftStart, rightStart);
            }
        }
    }

    /** JOIN ... USING (a, b): each column is read on both sides, and is one column of the join from then on. */
    private void usingColumns(QueryScope scope, int leftStart, int rightStart) {
        List<Relation> relations = scope.relations();
        QueryScope left = QueryScope.of(relations.subList(leftStart, rightStart), scope.mergedColumns());
        QueryScope right = QueryScope.of(relations.subList(rightStart, relations.size()), Set.of());
        expectPunctuation("(");
        do {
            Token name = peek();
            String column = identifier();
            references.add(ColumnUse.column(left, null, null, column, name.line(), problems));
            references.add(ColumnUse.column(right, null, null, column, name.line(), problems));
            scope.mergeColumn(column);
        } while (acceptPunctuation(","));
        expectPunctuation(")");
    }

    private void fromItem(QueryScope scope) {
        enterNesting();
        try {
            fromItemBody(scope);
        } finally {
            depth--;
        }
    }

    private void fromItemBody(QueryScope scope) {
        boolean lateral = acceptWord("lateral");
        Token token = peek();
        if (token == null) {
            throw unexpected("a table");
        }
        if (token.isPunctuation("(")) {
            pos++;
            if (startsQuery(0)) {
                QueryOutput output = query(scope, lateral);
                expectPunctuation(")");
                String alias = alias();
                List<String> columns = alias != null && isPunctuation(0, "(") ? nameList() : null;
                scope.add(Relation.derived(alias, columns == null ? output : output.renamed(columns)));
            } else {
                joinedItems(scope);
                expectPunctuation(")");
            }
            return;
        }
        if (token.kind() == TokenKind.PARAMETER) {
            throw new Unanalysable(token.line(), "cannot analyse the statement: the table name is a parameter ("
                    + token.text() + "), filled in at run time");
        }
        if (isWord("rows") && isWord(1, "from")) {
            throw new Unanalysable(token.line(), "cannot analyse the statement: ROWS FROM (...) is not supported");
        }
        acceptWord("only");
        TableName name = tableName();
        if (isPunctuation(0, "(")) {
            functionCall(scope, name.name(), name.schema() != null);
            if (acceptWord("with")) {
                expectWord("ordinality");
            }
            String alias = alias();
            List<String> columns = alias != null && isPunctuation(0, "(") ? columnDefinitions() : null;
            String resultName = alias == null ? name.name() : alias;
            scope.add(Relation.derived(resultName,
                    // A function returning a scalar names its one column after the alias; a composite, unknown ones.
                    columns != null ? QueryOutput.named(columns, false) : QueryOutput.named(List.of(resultName), true)));
            return;
        }
        acceptStar();
        String alias = alias();
        if (alias != null && isPunctuation(0, "(")) {
            throw new Unanalysable(token.line(), "cannot analyse the statement: column aliases on table "
                    + name.key() + " rename its columns by position, and the schema does not keep their order");
        }
        readRelation(scope, name, alias);
        if (acceptWord("tablesample")) {
            functionCall(scope, identifier(), false);
            if (acceptWord("repeatable")) {
                parenthesized(scope);
            }
        }
    }

    /** A FROM table or CTE: added to the scope, and a read of the table when the schema has it. */
    private void readRelation(QueryScope scope, TableName name, String alias) {
        if (name.schema() == null) {
            QueryOutput cte = scope.cte(name.name());
            if (cte != null) {
                scope.add(Relation.derived(alias == null ? name.name() : alias, cte));
                return;
            }
        }
        Relation relation = tableRelation(name, alias);
        if (relation.isSchemaTable()) {
            references.add(PendingReference.known(new Reference(relation.key(), null, Reference.Access.READ,
                    false)));
        }
        scope.add(relation);
    }

    private Relation tableRelation(TableName name, String alias) {
        String key = name.key();
        Set<String> columns = schema.columns(key);
        if (columns == null) {
            unknownTables.add(key);
            return Relation.unknownTable(key, name.name(), alias);
        }
        return Relation.table(key, name.name(), alias, columns);
    }

    private TableName tableName() {
        String first = identifier();
        if (!acceptPunctuation(".")) {
            return new TableName(null, first);
        }
        String second = identifier();
        if (!acceptPunctuation(".")) {
            return new TableName(first, second);
        }
        return new TableName(second, identifier()); // database.schema.table: the database is the current one
    }

    /** A function's column definition list, {@code (a int, b text)}, or a plain list of names: the names. */
    private List<String> columnDefinitions() {
        expectPunctuation("(");
        List<String> names = new ArrayList<>();
        do {
            names.add(identifier());
            int depth = 0;
            while (peek() != null && (depth > 0 || !isPunctuation(0, ",") && !isPunctuation(0, ")"))) {
                if (isPunctuation(0, "(")) {
                    depth++;
                } else if (isPunctuation(0, ")")) {
                    depth--;
                }
                pos++;
            }
        } while (acceptPunctuation(","));
        expectPunctuation(")");
        return names;
    }

    // ---- INSERT, UPDATE, DELETE, MERGE ----

    private QueryOutput insert(QueryScope scope) {
        expectWord("insert");
        expectWord("into");
        TableName name = tableName();
        String alias = acceptWord("as") ? identifier() : null;
        Relation target = tableRelation(name, alias);
        boolean listed = isPunctuation(0, "(") && !startsSubquery(peek(1));
        if (listed) {
            write(target, null, false);
            writtenColumns(scope, target);
        }
        if (acceptWord("overriding")) {
            pos++; // SYSTEM or USER
            expectWord("value");
        }
        if (acceptWord("default")) {
            expectWord("values");
            if (!listed) {
                write(target, null, false);
            }
        } else {
            if (!listed) {
                write(target, null, true); // every column, in table order
            }
            query(scope, true);
        }
        if (acceptWord("on")) {
            expectWord("conflict");
            onConflict(scope, target);
        }
        return returning(scope, target, null);
    }

    /** A parenthesised list of target columns: {@code (a, b.field, c[1])}. */
    private void writtenColumns(QueryScope scope, Relation target) {
        expectPunctuation("(");
        do {
            write(target, identifier(), false);
            indirection(scope);
        } while (acceptPunctuation(","));
        expectPunctuation(")");
    }

    private void onConflict(QueryScope scope, Relation target) {
        QueryScope arbiter = scopeOf(scope, target);
        if (acceptPunctuation("(")) {
            do {
                expression(arbiter);
                Token opclass = peek();
                if (opclass != null && (opclass.kind() == TokenKind.QUOTED_IDENTIFIER
                        || opclass.kind() == TokenKind.WORD && !RESERVED.contains(opclass.value()))) {
                    pos++;
                }
            } while (acceptPunctuation(","));
            expectPunctuation(")");
            if (acceptWord("where")) {
                expression(arbiter);
            }
        } else if (acceptWord("on")) {
            expectWord("constraint");
            identifier();
        }
        expectWord("do");
        if (acceptWord("nothing")) {
            return;
        }
        expectWord("update");
        expectWord("set");
        // EXCLUDED is the row proposed for insertion: its columns are the target's, and an unqualified name may
        // be either (PostgreSQL calls it ambiguous).
        QueryScope update = scopeOf(scope, target);
        update.add(target.named("excluded"));
        assignments(update, target);
        if (acceptWord("where")) {
            expression(update);
        }
    }

    private QueryOutput update(QueryScope scope) {
        expectWord("update");
        Relation target = target();
        QueryScope statement = scopeOf(scope, target);
        expectWord("set");
        assignments(statement, target);
        if (acceptWord("from")) {
            fromList(statement);
        }
        where(statement);
        return returning(scope, target, statement);
    }

    private QueryOutput delete(QueryScope scope) {
        expectWord("delete");
        expectWord("from");
        Relation target = target();
        QueryScope statement = scopeOf(scope, target);
        if (acceptWord("using")) {
            fromList(statement);
        }
        where(statement);
        return returning(scope, target, statement);
    }

    /** The {@code [ONLY] t [*] [[AS] alias]} of UPDATE, DELETE and MERGE: a write of the table. */
    private Relation target() {
        acceptWord("only");
        TableName name = tableName();
        acceptStar();
        Relation target = tableRelation(name, isWord("set") ? null : alias()); // UPDATE t SET: SET is no alias
        write(target, null, false);
        return target;
    }

    /** TRUNCATE [TABLE] [ONLY] t [*], ...: removes every row, a write of each table. */
    private void truncate() {
        expectWord("truncate");
        acceptWord("table");
        do {
            acceptWord("only");
            write(tableRelation(tableName(), null), null, false);
            acceptStar();
        } while (acceptPunctuation(","));
        if (acceptWord("restart") || acceptWord("continue")) {
            expectWord("identity");
        }
        if (!acceptWord("cascade")) {
            acceptWord("restrict");
        }
    }

    /**
     * {@code CREATE [UNIQUE] INDEX ... ON table (column, ...)} run from code: the table and the plain columns it
     * indexes are the code's to keep (an expression's columns are left to the migrations' own analysis).
     */
    private void createIndex() {
        expectWord("create");
        acceptWord("unique");
        expectWord("index");
        acceptWord("concurrently");
        if (acceptWord("if")) {
            expectWord("not");
            expectWord("exists");
        }
        if (!isWord("on")) {
            identifier();
        }
        expectWord("on");
        acceptWord("only");
        Relation target = tableRelation(tableName(), null);
        if (acceptWord("using")) {
            identifier();
        }
        ddlColumns(target, Reference.Access.READ);
        pos = tokens.size(); // INCLUDE, WITH, WHERE: nothing more of the schema to record
    }

    /**
     * {@code ALTER TABLE [IF EXISTS] [ONLY] table ...} run from code: the table is written, and the columns its
     * actions name ({@code ALTER COLUMN c}, {@code DROP COLUMN c}, {@code RENAME COLUMN c}) are the code's too.
     */
    private void alterTable() {
        expectWord("alter");
        expectWord("table");
        if (acceptWord("if")) {
            expectWord("exists");
        }
        acceptWord("only");
        Relation target = tableRelation(tableName(), null);
        write(target, null, false);
        acceptStar();
        while (peek() != null) {
            if ((acceptWord("alter") || acceptWord("drop") || acceptWord("rename")) && acceptWord("column")) {
                if (acceptWord("if")) {
                    expectWord("exists");
                }
                if (peek() != null && peek().kind() != TokenKind.PUNCTUATION) {
                    write(target, identifier(), false);
                }
            } else {
                pos++;
            }
        }
    }

    /** A parenthesised list of index columns: each plain name is a use of that column of {@code target}. */
    private void ddlColumns(Relation target, Reference.Access access) {
        expectPunctuation("(");
        int depth = 1;
        boolean itemStart = true;
        while (peek() != null && depth > 0) {
            Token token = peek();
            if (itemStart && token.kind() != TokenKind.PUNCTUATION && target.isSchemaTable()
                    && (isPunctuation(1, ",") || isPunctuation(1, ")") || isWord(1, "asc") || isWord(1, "desc")
                    || isWord(1, "nulls") || isWord(1, "collate"))) {
                String column = identifier();
                references.add(PendingReference.known(new Reference(target.key(), column, access, false),
                        token.line()));
                itemStart = false;
                continue;
            }
            itemStart = false;
            if (token.isPunctuation("(")) {
                depth++;
            } else if (token.isPunctuation(")")) {
                depth--;
            } else if (token.isPunctuation(",") && depth == 1) {
                itemStart = true;
            }
            pos++;
        }
    }

    private QueryOutput merge(QueryScope scope) {
        expectWord("merge");
        expectWord("into");
        Relation target = target();
        QueryScope statement = scopeOf(scope, target);
        expectWord("using");
        fromItem(statement);
        expectWord("on");
        expression(statement);
        while (acceptWord("when")) {
            acceptWord("not");
            expectWord("matched");
            if (acceptWord("by")) {
                if (!acceptWord("source")) {
                    expectWord("target");
                }
            }
            if (acceptWord("and")) {
                expression(statement);
            }
            expectWord("then");
            if (acceptWord("update")) {
                expectWord("set");
                assignments(statement, target);
            } else if (acceptWord("do")) {
                expectWord("nothing");
            } else if (!acceptWord("delete")) {
                expectWord("insert");
                mergeInsert(statement, target);
            }
        }
        return returning(scope, target, statement);
    }

    private void mergeInsert(QueryScope statement, Relation target) {
        boolean listed = isPunctuation(0, "(");
        if (listed) {
            writtenColumns(statement, target);
        }
        if (acceptWord("overriding")) {
            pos++;
            expectWord("value");
        }
        if (acceptWord("default")) {
            expectWord("values");
            return;
        }
        expectWord("values");
        if (!listed) {
            write(target, null, true);
        }
        parenthesized(statement);
    }

    private void where(QueryScope statement) {
        if (!acceptWord("where")) {
            return;
        }
        if (acceptWord("current")) {
            expectWord("of");
            identifier(); // a cursor
        } else {
            expression(statement);
        }
    }

    /** SET a = v, (b, c) = (...), d.field = v, e[1] = v: writes of a, b, c, d, e. */
    private void assignments(QueryScope scope, Relation target) {
        do {
            if (isPunctuation(0, "(")) {
                writtenColumns(scope, target);
                if (!equalsSign()) {
                    operand(scope);
                }
            } else {
                write(target, identifier(), false);
                indirection(scope);
                if (!equalsSign()) {
                    expression(scope);
                }
            }
        } while (acceptPunctuation(","));
    }

    /**
     * The {@code =} of an assignment; true when the lexer glued the value to it as one operator ({@code a=?}).
     */
    private boolean equalsSign() {
        Token token = peek();
        if (token == null || token.kind() != TokenKind.OPERATOR || !token.text().startsWith("=")) {
            throw unexpected("=");
        }
        pos++;
        if (token.text().length() == 1) {
            return false;
        }
        if (gluedParameter(token)) {
            return true;
        }
        throw unexpected("=");
    }

    /** A field or subscript after an assigned column: {@code b.field}, {@code c[1]}. */
    private void indirection(QueryScope scope) {
        while (true) {
            if (acceptPunctuation(".")) {
                identifier();
            } else if (isPunctuation(0, "[")) {
                subscript(scope);
            } else {
                return;
            }
        }
    }

    /**
     * RETURNING: reads in the statement's scope (the target, and UPDATE's FROM or DELETE's USING tables).
     *
     * @param statement the statement's scope, or {@code null} for an INSERT, whose RETURNING sees only its target
     */
    private QueryOutput returning(QueryScope scope, Relation target, QueryScope statement) {
        QueryOutput output = new QueryOutput();
        if (acceptWord("returning")) {
            selectList(statement == null ? scopeOf(scope, target) : statement, output);
        }
        return output;
    }

    /** The scope of a DML statement: its target, seen by its clauses, inside the scope of its WITH clause. */
    private static QueryScope scopeOf(QueryScope scope, Relation target) {
        QueryScope statement = new QueryScope(scope, true);
        statement.add(target);
        return statement;
    }

    private void write(Relation target, String column, boolean star) {
        if (target.isSchemaTable()) {
            references.add(PendingReference.known(new Reference(target.key(), column, Reference.Access.WRITE,
                    star), column != null && pos > 0 ? tokens.get(pos - 1).line() : 0));
        }
    }

    // ---- expressions ----

    /**
     * An expression: operands joined by operators, whether written as symbols or as words (AND, IS NOT NULL,
     * BETWEEN, AT TIME ZONE, ...); precedence does not matter to which names it holds. Ends before the first token
     * that cannot continue it.
     */
    private Shape expression(QueryScope scope) {
        enterNesting();
        try {
            return expressionBody(scope);
        } finally {
            depth--;
        }
    }

    private Shape expressionBody(QueryScope scope) {
        Shape shape = operand(scope);
        while (true) {
            Token token = peek();
            if (token == null) {
                return shape;
            }
            if (token.kind() == TokenKind.OPERATOR) {
                pos++;
                if (!gluedParameter(token)) {
                    operand(scope);
                }
                shape = Shape.NONE;
                continue;
            }
            if (token.isPunctuation("::")) {
                pos++;
                typeName();
                continue; // a cast keeps its operand's name
            }
            if (token.isPunctuation("[")) {
                subscript(scope);
                continue;
            }
            if (token.kind() != TokenKind.WORD) {
                return shape;
            }
            switch (token.value()) {
                case "and", "or", "like", "ilike", "in", "overlaps", "escape" -> {
                    pos++;
                    operand(scope);
                }
                case "similar" -> {
                    pos++;
                    expectWord("to");
                    operand(scope);
                }
                case "between" -> {
                    pos++;
                    if (!acceptWord("symmetric")) {
                        acceptWord("asymmetric");
                    }
                    operand(scope);
                }
                case "not" -> {
                    if (!isWord(1, "in") && !isWord(1, "like") && !isWord(1, "ilike") && !isWord(1, "similar")
                            && !isWord(1, "between")) {
                        return shape;
                    }
                    pos++; // the operator itself comes next
                }
                case "is" -> {
                    pos++;
                    isPredicate(scope);
                }
                case "isnull", "notnull" -> pos++;
                case "at" -> {
                    pos++;
                    if (!acceptWord("local")) {
                        expectWord("time");
                        expectWord("zone");
                        operand(scope);
                    }
                }
                case "collate" -> {
                    pos++;
                    tableName();
                }
                default -> {
                    return shape;
                }
            }
            shape = Shape.NONE;
        }
    }

    /** After IS: [NOT] NULL | TRUE | FALSE | UNKNOWN | DISTINCT FROM x | [form] NORMALIZED | DOCUMENT. */
    private void isPredicate(QueryScope scope) {
        acceptWord("not");
        if (acceptWord("distinct")) {
            expectWord("from");
            operand(scope);
            return;
        }
        if (isWord("nfc") || isWord("nfd") || isWord("nfkc") || isWord("nfkd")) {
            pos++;
            expectWord("normalized");
            return;
        }
        if (!acceptWord("null") && !acceptWord("true") && !acceptWord("false") && !acceptWord("unknown")
                && !acceptWord("normalized") && !acceptWord("document")) {
            throw unexpected("NULL, TRUE, FALSE, UNKNOWN or DISTINCT FROM after IS");
        }
    }

    private Shape operand(QueryScope scope) {
        Token token = peek();
        if (token == null) {
            throw unexpected("a value");
        }
        switch (token.kind()) {
            case STRING, NUMBER, BIT_STRING, PARAMETER -> {
                pos++;
                return Shape.NONE;
            }
            case OPERATOR -> {
                pos++;
                if (token.text().equals("?") || token.text().equals("%") && psycopgPlaceholder(token)) {
                    return Shape.NONE; // a driver's parameter marker
                }
                if (isStar(token)) {
                    throw new Unanalysable(token.line(), "cannot analyse the statement: unexpected '*'");
                }
                operand(scope); // a prefix operator: -x, NOT-like @x
                return Shape.NONE;
            }
            case PUNCTUATION -> {
                if (token.isPunctuation("(")) {
                    return parenthesized(scope);
                }
                if (token.isPunctuation("[")) {
                    bracketList(scope); // an element of ARRAY[[1, 2], [3, 4]]
                    return Shape.NONE;
                }
                Token name = peek(1);
                if (token.isPunctuation(":") && name != null && name.offset() == token.end()
                        && (name.kind() == TokenKind.WORD || name.kind() == TokenKind.QUOTED_IDENTIFIER)) {
                    pos += 2;
                    return Shape.NONE; // a named parameter, :name
                }
                throw unexpected("a value");
            }
            case WORD -> {
                return word(scope);
            }
            case QUOTED_IDENTIFIER -> {
                return nameChain(scope);
            }
            default -> throw unexpected("a value");
        }
    }

    private Shape word(QueryScope scope) {
        Token token = peek();
        String word = token.value();
        boolean call = isPunctuation(1, "(");
        switch (word) {
            case "not" -> {
                pos++;
                operand(scope);
                return Shape.NONE;
            }
            case "case" -> {
                return caseExpression(scope);
            }
            case "exists", "any", "some", "all", "row" -> {
                if (call) {
                    pos++;
                    parenthesized(scope);
                    return Shape.NONE;
                }
            }
            case "array" -> {
                if (call) {
                    pos++;
                    parenthesized(scope);
                    return Shape.NONE;
                }
                if (isPunctuation(1, "[")) {
                    pos++;
                    bracketList(scope);
                    return Shape.NONE;
                }
            }
            case "interval" -> {
                if (peek(1) != null && peek(1).kind() == TokenKind.STRING) {
                    pos += 2;
                    while (peek() != null && peek().kind() == TokenKind.WORD
                            && INTERVAL_FIELDS.contains(peek().value())) {
                        pos++;
                    }
                    if (isPunctuation(0, "(")) {
                        skipGroup("(", ")"); // SECOND(3)
                    }
                    return Shape.NONE;
                }
            }
            case "time", "timestamp" -> {
                if (isWord(1, "with") || isWord(1, "without")) {
                    pos++;
                    typeModifiers();
                    expectKind(TokenKind.STRING, "a string constant");
                    return Shape.NONE; // timestamp with time zone '...'
                }
            }
            default -> {
            }
        }
        if (CONSTANTS.contains(word) && !call) {
            pos++;
            return Shape.NONE;
        }
        if (RESERVED.contains(word) && !(call && CALLABLE_RESERVED.contains(word))) {
            throw unexpected("a value");
        }
        return nameChain(scope);
    }

    /** A name, {@code a.b} or {@code a.b.c}: a column, a star, a function call or a typed constant. */
    private Shape nameChain(QueryScope scope) {
        Token first = peek();
        pos++;
        List<String> names = new ArrayList<>(3);
        names.add(first.value());
        while (isPunctuation(0, ".")) {
            Token next = peek(1);
            if (isStar(next)) {
                pos += 2;
                return new Shape(null, null, star(scope, names, first.line()));
            }
            if (next == null || next.kind() != TokenKind.WORD && next.kind() != TokenKind.QUOTED_IDENTIFIER) {
                pos++;
                throw unexpected("a name");
            }
            pos += 2;
            names.add(next.value());
        }
        String last = names.get(names.size() - 1);
        if (isPunctuation(0, "(")) {
            functionCall(scope, last, names.size() > 1);
            return new Shape(last, null, null);
        }
        Token next = peek();
        if (next != null && next.kind() == TokenKind.STRING) {
            pos++;
            return Shape.NONE; // a typed constant: date '2024-01-31'
        }
        int count = names.size();
        if (count > 4) {
            throw new Unanalysable(first.line(), "cannot analyse the statement: '" + String.join(".", names)
                    + "' has too many parts for a column");
        }
        ColumnUse column = ColumnUse.column(scope, count >= 3 ? names.get(count - 3) : null,
                count >= 2 ? names.get(count - 2) : null, last, first.line(), problems);
        references.add(column);
        return new Shape(last, column, null);
    }

    private ColumnUse star(QueryScope scope, List<String> qualifier, int line) {
        int count = qualifier.size();
        if (count > 3) {
            throw new Unanalysable(line, "cannot analyse the statement: '" + String.join(".", qualifier)
                    + ".*' has too many parts");
        }
        ColumnUse star = ColumnUse.star(scope, count >= 2 ? qualifier.get(count - 2) : null,
                qualifier.get(count - 1), line, problems);
        references.add(star);
        return star;
    }

    /**
     * A function call from its opening parenthesis: arguments with the forms the SQL standard spells with words
     * (CAST(x AS t), EXTRACT(f FROM x), SUBSTRING(x FROM a FOR b), TRIM(LEADING c FROM x), OVERLAY(... PLACING ...)),
     * aggregate ORDER BY, WITHIN GROUP, FILTER and OVER.
     */
    private void functionCall(QueryScope scope, String name, boolean qualified) {
        expectPunctuation("(");
        if (!qualified && name.equals("cast")) {
            expression(scope);
            expectWord("as");
            typeName();
            expectPunctuation(")");
            return;
        }
        if (!qualified && name.equals("extract")) {
            pos++; // the field: YEAR, EPOCH, 'day'
            expectWord("from");
            expression(scope);
            expectPunctuation(")");
            return;
        }
        if (!acceptPunctuation(")")) {
            arguments(scope);
            expectPunctuation(")");
        }
        if (isWord("within") && isWord(1, "group")) {
            pos += 2;
            expectPunctuation("(");
            expectWord("order");
            expectWord("by");
            sortList(scope, false);
            expectPunctuation(")");
        }
        if (acceptWord("filter")) {
            expectPunctuation("(");
            expectWord("where");
            expression(scope);
            expectPunctuation(")");
        }
        if (acceptWord("over")) {
            if (isPunctuation(0, "(")) {
                windowSpecification(scope);
            } else {
                identifier();
            }
        }
    }

    private void arguments(QueryScope scope) {
        if (!acceptWord("distinct")) {
            acceptWord("all");
        }
        if (isStar(peek())) {
            pos++; // count(*)
            return;
        }
        while (true) {
            if (acceptWord("both") || acceptWord("leading") || acceptWord("trailing")) {
                acceptWord("from"); // trim(both from x)
            }
            Token next = peek(1);
            if (next != null && next.kind() == TokenKind.OPERATOR && (next.text().equals("=>")
                    || next.text().equals(":="))) {
                pos += 2; // a named argument
            }
            acceptWord("variadic");
            expression(scope);
            if (acceptPunctuation(",") || acceptWord("from") || acceptWord("for") || acceptWord("placing")) {
                continue;
            }
            if (acceptWords("order", "by")) {
                sortList(scope, false);
            }
            return;
        }
    }

    /** From an opening parenthesis: a subquery, a parenthesised expression, a row or an empty grouping set. */
    private Shape parenthesized(QueryScope scope) {
        expectPunctuation("(");
        if (startsSubquery(peek())) {
            query(scope, true);
            expectPunctuation(")");
            return Shape.NONE;
        }
        if (acceptPunctuation(")")) {
            return Shape.NONE;
        }
        Shape shape = expression(scope);
        boolean row = false;
        while (acceptPunctuation(",")) {
            expression(scope);
            row = true;
        }
        expectPunctuation(")");
        if (acceptPunctuation(".")) {
            if (!isStar(peek())) {
                identifier(); // a field of a composite value: (p).name
            } else {
                pos++;
            }
            return Shape.NONE;
        }
        return row ? Shape.NONE : shape;
    }

    private void bracketList(QueryScope scope) {
        expectPunctuation("[");
        if (acceptPunctuation("]")) {
            return;
        }
        do {
            expression(scope);
        } while (acceptPunctuation(","));
        expectPunctuation("]");
    }

    /** {@code [i]} or a slice {@code [a:b]}, either bound omitted. */
    private void subscript(QueryScope scope) {
        expectPunctuation("[");
        if (!isPunctuation(0, ":")) {
            expression(scope);
        }
        if (acceptPunctuation(":") && !isPunctuation(0, "]")) {
            expression(scope);
        }
        expectPunctuation("]");
    }

    private Shape caseExpression(QueryScope scope) {
        expectWord("case");
        if (!isWord("when")) {
            expression(scope);
        }
        do {
            expectWord("when");
            expression(scope);
            expectWord("then");
            expression(scope);
        } while (isWord("when"));
        if (acceptWord("else")) {
            expression(scope);
        }
        expectWord("end");
        return new Shape("case", null, null);
    }

    /** A type name: {@code int}, {@code public.division}, {@code varchar(20)[]}, {@code double precision}. */
    private void typeName() {
        acceptWord("setof");
        tableName();
        typeModifiers();
    }

    private void typeModifiers() {
        while (true) {
            if (isWord("varying") || isWord("precision") || isWord("array")) {
                pos++;
            } else if ((isWord("with") || isWord("without")) && isWord(1, "time") && isWord(2, "zone")) {
                pos += 3;
            } else if (isPunctuation(0, "(")) {
                skipGroup("(", ")");
            } else if (isPunctuation(0, "[")) {
                skipGroup("[", "]");
            } else {
                return;
            }
        }
    }

    // ---- parameters ----

    /**
     * Whether the operator just read ends in a parameter marker that the lexer took into it, and the marker (with
     * the rest of a psycopg placeholder) is read too: {@code id=?} lexes as the operator {@code =?}, {@code id=%s} as
     * {@code =%} and {@code s}.
     */
    private boolean gluedParameter(Token operator) {
        String text = operator.text();
        if (text.length() > 1 && text.endsWith("?") && !startsValue(peek())) {
            return true;
        }
        return text.length() > 1 && text.endsWith("%") && psycopgPlaceholder(operator);
    }

    /** After a {@code %} just read: reads {@code s} or {@code (name)s} written right after it, if there. */
    private boolean psycopgPlaceholder(Token percent) {
        Token next = peek();
        if (next == null || next.offset() != percent.end()) {
            return false;
        }
        if (next.isWord("s")) {
            pos++;
            return true;
        }
        Token name = peek(1);
        Token close = peek(2);
        Token s = peek(3);
        if (next.isPunctuation("(") && name != null && name.kind() == TokenKind.WORD && close != null
                && close.isPunctuation(")") && s != null && s.isWord("s") && s.offset() == close.end()) {
            pos += 4;
            return true;
        }
        return false;
    }

    // ---- tokens ----

    /**
     * Enters one more level of nesting. Each level costs a few stack frames of this recursive parser: past the
     * limit, the statement is reported unanalysable instead of overflowing the stack. Real queries stay far below it.
     */
    private void enterNesting() {
        if (++depth > MAX_NESTING) {
            depth--;
            Token at = peek();
            throw new Unanalysable(at == null ? tokens.get(tokens.size() - 1).endLine() : at.line(),
                    "cannot analyse the statement: it nests expressions or subqueries more than " + MAX_NESTING
                            + " levels deep");
        }
    }

    private Token peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private Token peek(int ahead) {
        return pos + ahead < tokens.size() ? tokens.get(pos + ahead) : null;
    }

    private boolean isWord(String word) {
        return isWord(0, word);
    }

    private boolean isWord(int ahead, String word) {
        Token token = peek(ahead);
        return token != null && token.isWord(word);
    }

    private boolean isPunctuation(int ahead, String symbol) {
        Token token = peek(ahead);
        return token != null && token.isPunctuation(symbol);
    }

    private static boolean isStar(Token token) {
        return token != null && token.kind() == TokenKind.OPERATOR && token.text().equals("*");
    }

    private boolean acceptWord(String word) {
        if (isWord(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptWords(String first, String second) {
        if (isWord(0, first) && isWord(1, second)) {
            pos += 2;
            return true;
        }
        return false;
    }

    private boolean acceptPunctuation(String symbol) {
        if (isPunctuation(0, symbol)) {
            pos++;
            return true;
        }
        return false;
    }

    private void acceptStar() {
        if (isStar(peek())) {
            pos++; // t *: the table and its inheritance children, as without it
        }
    }

    private void expectWord(String word) {
        if (!acceptWord(word)) {
            throw unexpected(word.toUpperCase(Locale.ROOT));
        }
    }

    private void expectPunctuation(String symbol) {
        if (!acceptPunctuation(symbol)) {
            throw unexpected(symbol);
        }
    }

    private void expectKind(TokenKind kind, String what) {
        Token token = peek();
        if (token == null || token.kind() != kind) {
            throw unexpected(what);
        }
        pos++;
    }

    /** A name: an unquoted word (folded) or a quoted identifier (as written). */
    private String identifier() {
        Token token = peek();
        if (token == null || token.kind() != TokenKind.WORD && token.kind() != TokenKind.QUOTED_IDENTIFIER) {
            throw unexpected("a name");
        }
        pos++;
        return token.value();
    }

    private List<String> nameList() {
        expectPunctuation("(");
        List<String> names = new ArrayList<>();
        do {
            names.add(identifier());
        } while (acceptPunctuation(","));
        expectPunctuation(")");
        return names;
    }

    private void skipGroup(String open, String close) {
        int depth = 0;
        do {
            Token token = peek();
            if (token == null) {
                throw unexpected(close);
            }
            if (token.isPunctuation(open)) {
                depth++;
            } else if (token.isPunctuation(close)) {
                depth--;
            }
            pos++;
        } while (depth > 0);
    }

    /**
     * Whether a query starts {@code ahead} tokens on, parenthesised or not: where a statement or a FROM item starts,
     * {@code ((SELECT ...) UNION (SELECT ...))} is a query and {@code ((a JOIN b ON ...) JOIN c ...)} is not.
     */
    private boolean startsQuery(int ahead) {
        int index = pos + ahead;
        while (index < tokens.size() && tokens.get(index).isPunctuation("(")) {
            index++;
        }
        return index < tokens.size() && (startsSubquery(tokens.get(index))
                || index == pos + ahead && tokens.get(index).isWord("table"));
    }

    /**
     * Whether a subquery starts with this token, just inside an expression's parenthesis: a parenthesised query
     * there, {@code ((SELECT ...) > 0)}, is more often an expression that starts with a subquery.
     */
    private static boolean startsSubquery(Token token) {
        return token != null && (token.isWord("select") || token.isWord("with") || token.isWord("values"));
    }

    /** Whether a value can start with this token, so that it does not end a list. */
    private static boolean startsValue(Token token) {
        if (token == null) {
            return false;
        }
        return switch (token.kind()) {
            case WORD -> !RESERVED.contains(token.value()) || RESERVED_VALUE_STARTS.contains(token.value());
            case PUNCTUATION -> token.isPunctuation("(") || token.isPunctuation("[") || token.isPunctuation(":");
            case COMMENT, META_COMMAND, OTHER -> false;
            default -> true;
        };
    }

    private Unanalysable unexpected(String expected) {
        Token token = peek();
        if (token == null) {
            Token last = tokens.get(tokens.size() - 1);
            return new Unanalysable(last.endLine(), "cannot analyse the statement: it ends where "
                    + (expected == null ? "more" : expected) + " was expected");
        }
        return new Unanalysable(token.line(), "cannot analyse the statement: unexpected '" + token.text() + "'"
                + (expected == null ? "" : " where " + expected + " was expected"), token);
    }
}
