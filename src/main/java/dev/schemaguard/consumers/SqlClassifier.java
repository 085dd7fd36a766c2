package dev.schemaguard.consumers;

import dev.schemaguard.sql.SqlLexer;
import dev.schemaguard.sql.SqlSyntaxException;
import dev.schemaguard.sql.Token;
import dev.schemaguard.sql.TokenKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells SQL from other text in a string literal. Starting with a statement keyword is not enough: user-facing copy
 * starts with the same words ("Select a team to continue", "Update your profile"). Text counts as SQL when, read with
 * PostgreSQL's lexer, it has the shape of its statement ({@code INSERT INTO name ...}, {@code UPDATE name ... SET},
 * {@code SELECT list FROM name}, {@code WITH name AS (}...) and none of the marks of prose: words that are English
 * rather than SQL (the, your, please...), an article before a word, a sentence's closing punctuation. A keyword in
 * sentence case ("Select") is taken as SQL only with symbols SQL has and sentences lack ({@code *}, {@code =},
 * {@code $1}, parentheses, {@code a.b}).
 */
final class SqlClassifier {

    /** The words a statement starts with, lower case. */
    private static final String[] STATEMENT_KEYWORDS = {"select", "with", "insert", "update", "delete", "merge",
        "create", "alter", "drop", "truncate", "copy", "call", "do", "values", "table", "explain", "lock", "refresh"};

    /** Words of English prose that a query does not use as identifiers. */
    private static final Set<String> PROSE = Set.of("the", "your", "yours", "you", "please", "our", "we", "my",
            "these", "those", "their", "they", "them", "its", "an", "was", "were", "been", "would", "should", "could",
            "will");

    /**
     * PostgreSQL's reserved key words (including those that can be a function or type name): never a bare table or
     * column name.
     */
    private static final Set<String> RESERVED = Set.of("all", "analyse", "analyze", "and", "any", "array", "as",
            "asc", "asymmetric", "both", "case", "cast", "check", "collate", "column", "constraint", "create",
            "current_catalog", "current_date", "current_role", "current_time", "current_timestamp", "current_user",
            "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for",
            "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into", "lateral", "leading",
            "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order", "placing",
            "primary", "references", "returning", "select", "session_user", "some", "symmetric", "system_user", "table",
            "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where", "window",
            "with", "authorization", "binary", "collation", "concurrently", "cross", "current_schema", "freeze", "full",
            "ilike", "inner", "is", "isnull", "join", "left", "like", "natural", "notnull", "outer", "overlaps",
            "right", "similar", "tablesample", "verbose");

    /** Words that stand for a value on their own: {@code SELECT current_date} needs no FROM. */
    private static final Set<String> VALUE_WORDS = Set.of("current_date", "current_time", "current_timestamp",
            "current_user", "current_role", "current_schema", "current_catalog", "session_user", "localtime",
            "localtimestamp", "true", "false", "null");

    /** Words between CREATE, ALTER or DROP and the kind of object. */
    private static final Set<String> OBJECT_MODIFIERS = Set.of("or", "replace", "temp", "temporary", "unlogged",
            "global", "local", "unique", "materialized", "recursive", "constraint", "trusted", "procedural", "foreign",
            "event", "text", "search", "access", "data", "default");

    /** The kinds of object CREATE, ALTER and DROP name. */
    private static final Set<String> OBJECT_TYPES = Set.of("table", "view", "index", "function", "procedure",
            "trigger", "sequence", "schema", "type", "extension", "domain", "policy", "role", "user", "database",
            "rule", "aggregate", "collation", "conversion", "publication", "subscription", "server", "statistics",
            "tablespace", "cast", "transform", "language", "group", "routine", "wrapper", "method", "configuration",
            "dictionary", "parser", "template");

    /** Operators that mark text as SQL. */
    private static final Set<String> SQL_OPERATORS = Set.of("*", "=", "<>", "!=", "<", ">", "<=", ">=", "||");

    /** What may follow {@code TABLE name}. */
    private static final Set<String> AFTER_TABLE = Set.of("order", "limit", "offset", "fetch", "union", "except",
            "intersect");

    private SqlClassifier() {
    }

    /**
     * Whether the text at {@code from} (its first character that is not blank) may start a statement: a statement
     * keyword as a whole word, or a comment or parenthesis, which only the full check can see past. Cheap, so that
     * most literals are rejected before they are decoded.
     */
    static boolean mayStartStatement(CharSequence text, int from, int to) {
        char first = text.charAt(from);
        if (first == '-' || first == '/' || first == '(') {
            return true;
        }
        int end = from;
        while (end < to && isAsciiLetter(text.charAt(end))) {
            end++;
        }
        if (end < to && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            return false;
        }
        return isStatementKeyword(text, from, end);
    }

    /** Whether decoded text, its placeholders numbered, is an SQL statement. */
    static boolean isQuery(String sql) {
        List<Token> tokens = new ArrayList<>();
        try {
            for (Token token : SqlLexer.tokenize(sql)) {
                if (token.kind() != TokenKind.COMMENT) {
                    tokens.add(token);
                }
            }
        } catch (SqlSyntaxException e) {
            // An apostrophe in a sentence opens a string that never closes: not SQL.
            return false;
        }
        int start = 0;
        while (start < tokens.size() && tokens.get(start).isPunctuation("(")) {
            start++;
        }
        if (start >= tokens.size() || tokens.get(start).kind() != TokenKind.WORD) {
            return false;
        }
        Token keyword = tokens.get(start);
        if (!isStatementKeyword(keyword.text(), 0, keyword.text().length())) {
            return false;
        }
        Evidence evidence = evidence(tokens);
        // English words are aliases too (select we.distinct_id from session we): text with SQL's symbols, its
        // keyword not in sentence case, that the statement parser reads whole, is SQL whatever its words.
        if (isProse(tokens) && !(evidence == Evidence.OPERATORS && !isSentenceCase(keyword.text()) && parses(sql))) {
            return false;
        }
        // "Select 2 players (required)" is a sentence; "Select * from players" is SQL in an unusual case.
        if (isSentenceCase(keyword.text()) && evidence != Evidence.OPERATORS) {
            return false;
        }
        // "truncate text", "LOCK SCREEN": a keyword and a name are SQL's shape and a label's too.
        if (evidence == Evidence.NONE && tokens.size() - start == 2 && tokens.get(start + 1).kind() == TokenKind.WORD
                && !RESERVED.contains(tokens.get(start + 1).value())) {
            return false;
        }
        return new Shape(tokens).statement(start);
    }

    /** Whether the statement parser reads the text as one or more statements, to the end. */
    private static boolean parses(String sql) {
        try {
            for (dev.schemaguard.sql.Statement statement
                    : dev.schemaguard.sql.StatementSplitter.split(null, sql, 1).statements()) {
                if (statement.kind() == dev.schemaguard.sql.Statement.Kind.SQL) {
                    ReferenceParser.parse(statement.tokens(), table -> null);
                }
            }
            return true;
        } catch (SqlSyntaxException | ReferenceParser.Unanalysable e) {
            return false;
        }
    }

    private static boolean isStatementKeyword(CharSequence text, int from, int end) {
        int length = end - from;
        for (String keyword : STATEMENT_KEYWORDS) {
            if (keyword.length() == length && regionMatchesIgnoreCase(text, from, keyword)) {
                return true;
            }
        }
        return false;
    }

    private static boolean regionMatchesIgnoreCase(CharSequence text, int from, String lowerCase) {
        for (int i = 0; i < lowerCase.length(); i++) {
            if (Character.toLowerCase(text.charAt(from + i)) != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Neither all upper nor all lower case: how a sentence starts, not how SQL is written. */
    private static boolean isSentenceCase(String word) {
        return !word.equals(word.toUpperCase(Locale.ROOT))
                && !word.equals(word.toLowerCase(Locale.ROOT));
    }

    /** English words, an article before a word, or a sentence's last punctuation. */
    private static boolean isProse(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind() != TokenKind.WORD) {
                continue;
            }
            if (PROSE.contains(token.value())) {
                return true;
            }
            // "a team", "a player": an alias a is followed by a keyword, a comma or a dot, not by a name.
            if (token.value().equals("a") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == TokenKind.WORD
                    && !RESERVED.contains(tokens.get(i + 1).value()) && !tokens.get(i + 1).isWord("set")) {
                return true;
            }
        }
        String last = tokens.get(tokens.size() - 1).text();
        return last.equals(".") || last.equals("!") || last.equals("?") || last.equals(":") || last.equals("\u2026");
    }

    /** How much of what SQL writes and sentences do not the text has. */
    private enum Evidence {
        NONE,
        /** Parentheses, numbers or a dollar-quoted body: common in SQL, not unknown in sentences. */
        GROUPING,
        /** Parameters, operators, casts, qualified names, quoted identifiers, semicolons. */
        OPERATORS
    }

    private static Evidence evidence(List<Token> tokens) {
        Evidence evidence = Evidence.NONE;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            String text = token.text();
            switch (token.kind()) {
                case PARAMETER, QUOTED_IDENTIFIER -> {
                    return Evidence.OPERATORS;
                }
                case OPERATOR -> {
                    if (SQL_OPERATORS.contains(text)) {
                        return Evidence.OPERATORS;
                    }
                }
                case PUNCTUATION -> {
                    if (text.equals("::") || text.equals(";") || text.equals(".") && i > 0 && i + 1 < tokens.size()
                            && tokens.get(i - 1).kind() == TokenKind.WORD && (tokens.get(i + 1).kind() == TokenKind.WORD
                            || tokens.get(i + 1).text().equals("*"))) {
                        return Evidence.OPERATORS;
                    }
                    if (text.equals("(")) {
                        evidence = Evidence.GROUPING;
                    }
                }
                case NUMBER -> evidence = Evidence.GROUPING;
                case STRING -> {
                    if (text.startsWith("$")) {
                        evidence = Evidence.GROUPING;
                    }
                }
                default -> {
                }
            }
        }
        return evidence;
    }

    /** The shape of a statement, checked on its tokens (comments left out). */
    private static final class Shape {

        private final List<Token> t;

        Shape(List<Token> tokens) {
            this.t = tokens;
        }

        boolean statement(int i) {
            switch (t.get(i).value()) {
                case "select":
                    return select(i);
                case "with":
                    return with(i);
                case "insert":
                    return insert(i);
                case "update":
                    return update(i);
                case "delete":
                    return delete(i);
                case "merge":
                    int target = word(i + 1, "into") ? name(i + 2) : -1;
                    return target >= 0 && wordAtDepthZero(target, "using") >= 0;
                case "create":
                    return create(i);
                case "alter":
                    return alter(i);
                case "drop":
                    return drop(i);
                case "truncate":
                    return truncate(i);
                case "copy":
                    return copy(i);
                case "call":
                    // CALL name(arguments) and nothing after: "call config.load() before saving" is advice.
                    int procedure = name(i + 1);
                    int arguments = procedure >= 0 && punct(procedure, "(") ? group(procedure) : -1;
                    return arguments >= 0 && end(arguments);
                case "do":
                    int body = word(i + 1, "language") ? name(i + 2) : i + 1;
                    return body >= 0 && kind(body) == TokenKind.STRING;
                case "values":
                    return punct(i + 1, "(");
                case "table":
                    int table = name(word(i + 1, "only") ? i + 2 : i + 1);
                    return table >= 0 && (end(table) || AFTER_TABLE.contains(value(table)));
                case "explain":
                    return explain(i);
                case "lock":
                    return lock(i);
                case "refresh":
                    int view = word(i + 1, "materialized") && word(i + 2, "view") ? i + 3 : -1;
                    return view >= 0 && name(word(view, "concurrently") ? view + 1 : view) >= 0;
                default:
                    return false;
            }
        }

        /** SELECT list FROM source, or a list that is plainly expressions (SELECT 1, SELECT now()). */
        private boolean select(int i) {
            int p = i + 1;
            if (word(p, "distinct")) {
                p++;
                if (word(p, "on")) {
                    p = punct(p + 1, "(") ? group(p + 1) : -1;
                }
            } else if (word(p, "all")) {
                p++;
            }
            if (p < 0 || end(p)) {
                return false;
            }
            int from = wordAtDepthZero(p, "from");
            if (from >= 0) {
                return from > p && (name(from + 1) >= 0 || punct(from + 1, "(") || word(from + 1, "only")
                        || word(from + 1, "lateral"));
            }
            return expressionStart(p);
        }

        private boolean expressionStart(int p) {
            Token token = t.get(p);
            switch (token.kind()) {
                case NUMBER, STRING, PARAMETER, BIT_STRING:
                    return true;
                case PUNCTUATION:
                    return token.text().equals("(");
                case OPERATOR:
                    return token.text().equals("*")
                            || (token.text().equals("-") || token.text().equals("+"))
                            && kind(p + 1) == TokenKind.NUMBER;
                case WORD:
                case QUOTED_IDENTIFIER:
                    if (token.isWord("case")) {
                        return wordAtDepthZero(p + 1, "end") >= 0;
                    }
                    // now(), t.col, x::int, a + 1, date '2024-01-01'
                    return VALUE_WORDS.contains(token.value()) || punct(p + 1, "(") || punct(p + 1, ".")
                            || punct(p + 1, "::") || kind(p + 1) == TokenKind.OPERATOR
                            || kind(p + 1) == TokenKind.STRING;
                default:
                    return false;
            }
        }

        /** WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] ( */
        private boolean with(int i) {
            int p = name(word(i + 1, "recursive") ? i + 2 : i + 1);
            if (p >= 0 && punct(p, "(")) {
                p = group(p);
            }
            if (p < 0 || !word(p, "as")) {
                return false;
            }
            p++;
            if (word(p, "not")) {
                p++;
            }
            if (word(p, "materialized")) {
                p++;
            }
            return punct(p, "(");
        }

        /** INSERT INTO name [AS alias] [(columns)] VALUES | SELECT | WITH | DEFAULT VALUES | OVERRIDING | (query) */
        private boolean insert(int i) {
            int p = word(i + 1, "into") ? name(i + 2) : -1;
            if (p >= 0 && word(p, "as")) {
                p = name(p + 1);
            }
            if (p < 0) {
                return false;
            }
            if (punct(p, "(")) {
                if (word(p + 1, "select") || word(p + 1, "with") || word(p + 1, "values")) {
                    return true;
                }
                p = group(p);
                if (p < 0) {
                    return false;
                }
            }
            return word(p, "values") || word(p, "select") || word(p, "with") || word(p, "default")
                    || word(p, "overriding") || punct(p, "(") || kind(p) == TokenKind.PARAMETER;
        }

        /** UPDATE [ONLY] name [*] [[AS] alias] SET */
        private boolean update(int i) {
            int p = name(word(i + 1, "only") ? i + 2 : i + 1);
            if (p < 0) {
                return false;
            }
            if (p < t.size() && t.get(p).text().equals("*")) {
                p++;
            }
            if (word(p, "as")) {
                p++;
            }
            if (!word(p, "set") && isNamePart(p)) {
                p++;
            }
            return word(p, "set");
        }

        /** DELETE FROM [ONLY] name [[AS] alias] then the end, WHERE, USING or RETURNING */
        private boolean delete(int i) {
            int p = word(i + 1, "from") ? name(word(i + 2, "only") ? i + 3 : i + 2) : -1;
            if (p < 0) {
                return false;
            }
            if (word(p, "as")) {
                p++;
            }
            if (isNamePart(p) && kind(p) != TokenKind.PARAMETER) {
                p++;
            }
            return end(p) || word(p, "where") || word(p, "using") || word(p, "returning")
                    || kind(p) == TokenKind.PARAMETER;
        }

        private boolean create(int i) {
            int p = objectType(i + 1);
            if (p < 0) {
                return false;
            }
            while (word(p, "if") || word(p, "not") || word(p, "exists") || word(p, "concurrently")) {
                p++;
            }
            return name(p) >= 0 || word(p, "on");
        }

        private boolean alter(int i) {
            int p = objectType(i + 1);
            if (p < 0) {
                return false;
            }
            if (word(p, "if") && word(p + 1, "exists")) {
                p += 2;
            }
            if (word(p, "only")) {
                p++;
            }
            p = name(p);
            return p >= 0 && !end(p);
        }

        private boolean drop(int i) {
            int p = objectType(i + 1);
            if (p < 0) {
                return false;
            }
            while (word(p, "if") || word(p, "exists") || word(p, "concurrently")) {
                p++;
            }
            return name(p) >= 0;
        }

        /** The index after the kind of object at {@code p} (modifiers included), or -1 when there is none. */
        private int objectType(int p) {
            while (kind(p) == TokenKind.WORD && OBJECT_MODIFIERS.contains(value(p))) {
                p++;
            }
            return kind(p) == TokenKind.WORD && OBJECT_TYPES.contains(value(p)) ? p + 1 : -1;
        }

        /** TRUNCATE [TABLE] [ONLY] name [, name...] [*] and then nothing but its options. */
        private boolean truncate(int i) {
            int p = tables(i + 1);
            if (p < 0) {
                return false;
            }
            if (p < t.size() && t.get(p).text().equals("*")) {
                p++;
            }
            return end(p) || word(p, "restart") || word(p, "continue") || word(p, "cascade")
                    || word(p, "restrict");
        }

        /** COPY name [(columns)] FROM | TO, or COPY (query) TO */
        private boolean copy(int i) {
            if (punct(i + 1, "(")) {
                int p = group(i + 1);
                return p >= 0 && word(p, "to");
            }
            int p = name(i + 1);
            if (p >= 0 && punct(p, "(")) {
                p = group(p);
            }
            return p >= 0 && (word(p, "from") || word(p, "to"));
        }

        /** EXPLAIN [(options)] [ANALYZE] [VERBOSE] statement */
        private boolean explain(int i) {
            int p = i + 1;
            if (punct(p, "(")) {
                p = group(p);
            }
            while (p >= 0 && (word(p, "analyze") || word(p, "analyse") || word(p, "verbose"))) {
                p++;
            }
            return p >= 0 && kind(p) == TokenKind.WORD && !word(p, "explain") && statement(p);
        }

        /** LOCK [TABLE] [ONLY] name [, name...] then the end, IN ... MODE or NOWAIT */
        private boolean lock(int i) {
            int p = tables(i + 1);
            return p >= 0 && (end(p) || word(p, "in") || word(p, "nowait"));
        }

        /** The index after {@code [TABLE] [ONLY] name [, name...]} at {@code p}, or -1. */
        private int tables(int p) {
            int q = word(p, "table") ? p + 1 : p;
            q = name(word(q, "only") ? q + 1 : q);
            while (q >= 0 && punct(q, ",")) {
                q = name(q + 1);
            }
            return q;
        }

        private TokenKind kind(int i) {
            return i >= 0 && i < t.size() ? t.get(i).kind() : null;
        }

        private String value(int i) {
            return t.get(i).value();
        }

        private boolean word(int i, String word) {
            return i >= 0 && i < t.size() && t.get(i).isWord(word);
        }

        private boolean punct(int i, String symbol) {
            return i >= 0 && i < t.size() && t.get(i).isPunctuation(symbol);
        }

        private boolean end(int i) {
            return i >= t.size() || punct(i, ";");
        }

        /** A table, column or alias: a word that is not reserved, a quoted identifier, or an interpolated name. */
        private boolean isNamePart(int i) {
            TokenKind kind = kind(i);
            if (kind == TokenKind.QUOTED_IDENTIFIER || kind == TokenKind.PARAMETER) {
                return true;
            }
            return kind == TokenKind.WORD && !RESERVED.contains(value(i)) && !PROSE.contains(value(i));
        }

        /** The index after the name, qualified or not, at {@code i}; -1 when there is none. */
        private int name(int i) {
            if (!isNamePart(i)) {
                return -1;
            }
            int p = i + 1;
            while (punct(p, ".") && isNamePart(p + 1)) {
                p += 2;
            }
            return p;
        }

        /** The index after the parenthesised group that opens at {@code i}, or -1 when it does not close. */
        private int group(int i) {
            int depth = 0;
            for (int p = i; p < t.size(); p++) {
                if (punct(p, "(")) {
                    depth++;
                } else if (punct(p, ")") && --depth == 0) {
                    return p + 1;
                }
            }
            return -1;
        }

        /** The first {@code word} from {@code p} outside parentheses, or -1. */
        private int wordAtDepthZero(int p, String word) {
            int depth = 0;
            for (int i = p; i < t.size(); i++) {
                if (punct(i, "(")) {
                    depth++;
                } else if (punct(i, ")")) {
                    depth--;
                } else if (depth == 0 && word(i, word)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
