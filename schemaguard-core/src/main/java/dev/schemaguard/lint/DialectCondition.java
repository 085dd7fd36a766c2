package dev.schemaguard.lint;

import dev.schemaguard.source.PythonHeader;
import dev.schemaguard.source.PythonHeader.Kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether an {@code if} of a Python migration holds on PostgreSQL, when it tests the database: migrations that run
 * on several databases branch on {@code op.get_bind().dialect.name == "mysql"}, {@code url.startswith("sqlite")},
 * {@code dialect.name in ("postgresql", "cockroachdb")} and their negations. A test of anything else, or one read
 * only in part, is {@link Truth#UNKNOWN}: the branch is then read as if it ran.
 */
final class DialectCondition {

    /** Three-valued: a condition that does not test the database is unknown. */
    enum Truth {
        TRUE, FALSE, UNKNOWN;

        Truth not() {
            return this == TRUE ? FALSE : this == FALSE ? TRUE : UNKNOWN;
        }

        Truth and(Truth other) {
            return this == FALSE || other == FALSE ? FALSE : this == TRUE && other == TRUE ? TRUE : UNKNOWN;
        }

        Truth or(Truth other) {
            return this == TRUE || other == TRUE ? TRUE : this == FALSE && other == FALSE ? FALSE : UNKNOWN;
        }
    }

    /** Database names as SQLAlchemy's dialects and URLs spell them, other than PostgreSQL's. */
    private static final List<String> OTHER_DATABASES = List.of("mysql", "mariadb", "sqlite", "mssql", "oracle",
            "cockroach");

    private DialectCondition() {
    }

    /** The truth on PostgreSQL of the condition between {@code if} (or {@code elif}) and its colon. */
    static Truth onPostgres(List<PythonHeader.Token> condition) {
        List<List<PythonHeader.Token>> alternatives = splitAt(condition, "or");
        Truth result = null;
        for (List<PythonHeader.Token> alternative : alternatives) {
            Truth all = null;
            for (List<PythonHeader.Token> term : splitAt(alternative, "and")) {
                Truth t = term(term);
                all = all == null ? t : all.and(t);
            }
            result = result == null ? all : result.or(all);
        }
        return result == null ? Truth.UNKNOWN : result;
    }

    /** One term: {@code not} before it, parentheses around it, or a comparison. */
    private static Truth term(List<PythonHeader.Token> term) {
        if (term.isEmpty()) {
            return Truth.UNKNOWN;
        }
        if (isWord(term.get(0), "not")) {
            return term(term.subList(1, term.size())).not();
        }
        if (term.get(0).text().equals("(") && AlembicOperations.closing(term, 0) == term.size() - 1) {
            return onPostgres(term.subList(1, term.size() - 1));
        }
        return comparison(term);
    }

    /**
     * A comparison with database names: {@code x == "mysql"}, {@code x != "postgresql"}, {@code x in ("a", "b")},
     * {@code x.startswith("sqlite")}, {@code "postgres" in url}, with {@code is False} / {@code == False} after it.
     */
    private static Truth comparison(List<PythonHeader.Token> term) {
        List<String> names = new ArrayList<>();
        for (PythonHeader.Token t : term) {
            if (t.kind() == Kind.STRING) {
                names.add(t.text().toLowerCase(Locale.ROOT));
            }
        }
        if (names.isEmpty() || !names.stream().allMatch(DialectCondition::namesADatabase)) {
            return Truth.UNKNOWN;
        }
        boolean postgres = names.stream().anyMatch(DialectCondition::isPostgres);
        int last = term.size();
        boolean negated = false;
        // a trailing "is False" / "== False" / "is True" / "== True"
        if (last >= 2 && (term.get(last - 1).text().equals("False") || term.get(last - 1).text().equals("True"))
                && (isWord(term.get(last - 2), "is") || term.get(last - 2).text().equals("=="))) {
            negated = term.get(last - 1).text().equals("False");
            last -= 2;
            if (last >= 1 && isWord(term.get(last - 1), "is")) {
                return Truth.UNKNOWN;
            }
        }
        List<PythonHeader.Token> core = term.subList(0, last);
        Truth truth;
        if (has(core, "==") && !has(core, "!=")) {
            truth = postgres ? Truth.TRUE : Truth.FALSE;
        } else if (has(core, "!=")) {
            truth = postgres ? Truth.FALSE : Truth.TRUE;
        } else if (hasWord(core, "startswith") || hasWord(core, "in") && !hasWord(core, "not")) {
            truth = postgres ? Truth.TRUE : Truth.FALSE;
        } else if (hasWord(core, "in") && hasWord(core, "not")) {
            truth = postgres ? Truth.FALSE : Truth.TRUE;
        } else {
            return Truth.UNKNOWN;
        }
        return negated ? truth.not() : truth;
    }

    /** Whether a string literal names a database: a dialect name, with or without its driver. */
    private static boolean namesADatabase(String name) {
        return isPostgres(name) || OTHER_DATABASES.stream().anyMatch(name::startsWith);
    }

    private static boolean isPostgres(String name) {
        return name.startsWith("postgres") || name.equals("pg");
    }

    private static boolean has(List<PythonHeader.Token> tokens, String op) {
        return tokens.stream().anyMatch(t -> t.kind() == Kind.OP && t.text().equals(op));
    }

    private static boolean hasWord(List<PythonHeader.Token> tokens, String word) {
        return tokens.stream().anyMatch(t -> isWord(t, word));
    }

    private static boolean isWord(PythonHeader.Token t, String word) {
        return t.kind() == Kind.NAME && t.text().equals(word);
    }

    /** The token list split at a keyword outside brackets. */
    private static List<List<PythonHeader.Token>> splitAt(List<PythonHeader.Token> tokens, String keyword) {
        List<List<PythonHeader.Token>> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tokens.size(); i++) {
            PythonHeader.Token t = tokens.get(i);
            if (t.kind() == Kind.OP && (t.text().equals("(") || t.text().equals("[") || t.text().equals("{"))) {
                depth++;
            } else if (t.kind() == Kind.OP && (t.text().equals(")") || t.text().equals("]") || t.text().equals("}"))) {
                depth--;
            } else if (depth == 0 && isWord(t, keyword)) {
                parts.add(tokens.subList(start, i));
                start = i + 1;
            }
        }
        parts.add(tokens.subList(start, tokens.size()));
        return parts;
    }
}
