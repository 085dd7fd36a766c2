package dev.schemaguard.source;

import dev.schemaguard.io.InputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the top-level literal assignments of a Python module without running it: enough of Python's
 * lexical rules (every string form, comments, brackets, line continuations) to find
 * {@code name = value} and {@code name: annotation = value} statements at column 0 and to evaluate
 * values that are literals: strings, {@code None}, and tuples or lists of strings.
 */
public final class PythonHeader {

    /** A top-level assignment: the variable, the statement's first line, and its value. */
    record Assignment(String name, int line, Value value) {
    }

    /** A literal value, or why it is not one. */
    record Value(List<String> strings, boolean isNone, boolean isSequence, String notLiteral) {

        static Value none() {
            return new Value(List.of(), true, false, null);
        }

        static Value notLiteral(String why) {
            return new Value(List.of(), false, false, why);
        }
    }

    /** What a Python token is; a logical line break is an {@code OP} token whose text is a newline. */
    public enum Kind { NAME, STRING, FSTRING, OP, NUMBER, END }

    /** A Python token: a string's {@code text} is its decoded value. */
    public record Token(Kind kind, String text, int line, int column) {
    }

    private final String source;
    /**
     * The source's characters: every one is read, and an array read costs a fraction of {@code String.charAt} in the
     * quick compiler the launcher runs with.
     */
    private final char[] chars;
    private final Path display;
    private int pos;
    private int line = 1;
    private int lineStart;

    private PythonHeader(String source, Path display) {
        this.source = source;
        this.chars = source.toCharArray();
        this.display = display;
    }

    /**
     * Finds the top-level assignments to the given names. A name assigned twice keeps its last value,
     * as Python would.
     */
    /**
     * Every token of a Python module, for analyses that read calls (Alembic's {@code op.*}). Line breaks
     * inside brackets are left out, as Python joins those lines.
     */
    public static List<Token> tokens(String source, Path display) {
        PythonHeader lexer = new PythonHeader(source, display);
        List<Token> tokens = new ArrayList<>();
        int depth = 0;
        for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
            if (t.kind() == Kind.OP) {
                switch (t.text()) {
                    case "(", "[", "{" -> depth++;
                    case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                    case "\n" -> {
                        if (depth > 0) {
                            continue;
                        }
                    }
                    default -> {
                    }
                }
            }
            tokens.add(t);
        }
        return tokens;
    }

    /**
     * Every token of a module as the lexer reads it, each line break included (inside brackets too): what the syntax
     * check needs to see the lines.
     *
     * @throws InputException where the lexer fails (an unterminated string)
     */
    static List<Token> rawTokens(String source, Path display) {
        PythonHeader lexer = new PythonHeader(source, display);
        List<Token> tokens = new ArrayList<>();
        for (Token t = lexer.next(); t.kind() != Kind.END; t = lexer.next()) {
            tokens.add(t);
        }
        return tokens;
    }

    /**
     * The top-level assignments to {@code names}. A module Python cannot read past some line (an unterminated string)
     * still has them when they all come before that line: the migration is known, and its syntax error is the
     * analysis' to report. When one of {@code required} comes after it, the lexer's error is thrown.
     */
    static Map<String, Assignment> assignments(String source, Path display, List<String> names, List<String> required) {
        PythonHeader lexer = new PythonHeader(source, display);
        Map<String, Assignment> found = new HashMap<>();
        List<List<Token>> statements = new ArrayList<>();
        try {
            lexer.statements(names, statements);
        } catch (InputException unreadable) {
            if (!names.stream().filter(required::contains).allMatch(n -> statements.stream()
                    .anyMatch(s -> s.get(0).column() == 0 && s.get(0).text().equals(n)))) {
                throw unreadable;
            }
        }
        for (List<Token> statement : statements) {
            Token first = statement.get(0);
            if (first.kind() != Kind.NAME || first.column() != 0 || !names.contains(first.text())) {
                continue;
            }
            int equals = topLevelEquals(statement);
            if (equals < 0) {
                continue;
            }
            if (equals != 1 && !statement.get(1).text().equals(":")) {
                continue;
            }
            found.put(first.text(), new Assignment(first.text(), first.line(),
                    evaluate(statement.subList(equals + 1, statement.size()))));
        }
        return found;
    }

    private static int topLevelEquals(List<Token> statement) {
        int depth = 0;
        for (int i = 1; i < statement.size(); i++) {
            Token t = statement.get(i);
            if (t.kind() != Kind.OP) {
                continue;
            }
            switch (t.text()) {
                case "(", "[", "{" -> depth++;
                case ")", "]", "}" -> depth--;
                case "=" -> {
                    if (depth == 0) {
                        return i;
                    }
                }
                default -> {
                }
            }
        }
        return -1;
    }

    private static Value evaluate(List<Token> tokens) {
        if (tokens.isEmpty()) {
            return Value.notLiteral("no value");
        }
        if (tokens.size() == 1 && tokens.get(0).kind() == Kind.NAME && tokens.get(0).text().equals("None")) {
            return Value.none();
        }
        boolean bracketed = tokens.get(0).text().equals("(") || tokens.get(0).text().equals("[");
        List<Token> inner = tokens;
        if (bracketed) {
            String close = tokens.get(0).text().equals("(") ? ")" : "]";
            Token last = tokens.get(tokens.size() - 1);
            if (last.kind() != Kind.OP || !last.text().equals(close)) {
                return Value.notLiteral("an expression");
            }
            inner = tokens.subList(1, tokens.size() - 1);
        }
        List<String> strings = new ArrayList<>();
        StringBuilder current = null;
        boolean sawComma = false;
        for (Token t : inner) {
            switch (t.kind()) {
                case STRING -> {
                    // Adjacent literals concatenate, as in Python.
                    current = current == null ? new StringBuilder(t.text()) : current.append(t.text());
                }
                case FSTRING -> {
                    return Value.notLiteral("an f-string");
                }
                case OP -> {
                    if (!t.text().equals(",") || current == null) {
                        return Value.notLiteral("an expression");
                    }
                    strings.add(current.toString());
                    current = null;
                    sawComma = true;
                }
                default -> {
                    return Value.notLiteral(t.kind() == Kind.NAME ? "a name ('" + t.text() + "')" : "an expression");
                }
            }
        }
        if (current != null) {
            strings.add(current.toString());
        }
        boolean sequence = tokens.get(0).text().equals("[") || bracketed && sawComma
                || !bracketed && sawComma;
        if (strings.isEmpty() && !bracketed) {
            return Value.notLiteral("an expression");
        }
        return new Value(strings, false, sequence || bracketed && strings.isEmpty(), null);
    }

    // ---- lexer ----

    /**
     * The logical lines (statements) that start at column 0 with one of {@code names}; every other
     * statement is lexed (its strings must be skipped exactly) but not collected.
     */
    private void statements(List<String> names, List<List<Token>> statements) {
        List<Token> current = new ArrayList<>();
        boolean started = false;
        boolean wanted = false;
        int depth = 0;
        while (true) {
            // the tokens of a statement nobody asked for are only looked at for their kind and brackets
            Token t = next(!started || wanted);
            boolean ends = t.kind() == Kind.END
                    || t.kind() == Kind.OP && depth == 0 && (t.text().equals("\n") || t.text().equals(";"));
            if (ends) {
                if (wanted && !current.isEmpty()) {
                    statements.add(current);
                    current = new ArrayList<>();
                }
                started = false;
                wanted = false;
                if (t.kind() == Kind.END) {
                    return;
                }
                continue;
            }
            if (t.kind() == Kind.OP && t.text().equals("\n")) {
                continue;
            }
            if (!started) {
                started = true;
                wanted = t.kind() == Kind.NAME && t.column() == 0 && names.contains(t.text());
            }
            if (t.kind() == Kind.OP) {
                switch (t.text()) {
                    case "(", "[", "{" -> depth++;
                    case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                    default -> {
                    }
                }
            }
            if (wanted) {
                current.add(t);
            }
        }
    }

    private Token next() {
        return next(true);
    }

    /**
     * The next token; unless {@code keep}, a name's, number's or string's token is a shared one without its text or
     * place (an operator keeps its text): the statement it belongs to is skipped, and its strings are only read past.
     */
    private Token next(boolean keep) {
        int length = chars.length;
        while (pos < length) {
            char c = chars[pos];
            if (c == '\n') {
                Token t = keep ? new Token(Kind.OP, "\n", line, pos - lineStart) : SKIPPED_NEWLINE;
                newline();
                return t;
            }
            if (c == '\\' && pos + 1 < length && (chars[pos + 1] == '\n' || chars[pos + 1] == '\r')) {
                pos++;
                if (chars[pos] == '\r' && pos + 1 < length && chars[pos + 1] == '\n') {
                    pos++;
                }
                newline();
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
                continue;
            }
            if (c == '#') {
                while (pos < length && chars[pos] != '\n') {
                    pos++;
                }
                continue;
            }
            int column = pos - lineStart;
            int startLine = line;
            if (isLetter(c) || c == '_') {
                int start = pos;
                while (pos < length && (isLetterOrDigit(chars[pos]) || chars[pos] == '_')) {
                    pos++;
                }
                if (pos < length && (chars[pos] == '\'' || chars[pos] == '"') && pos - start <= 2) {
                    String word = source.substring(start, pos);
                    if (word.toLowerCase().matches("[rbuf]{1,2}")) {
                        return string(word.toLowerCase(), startLine, column, keep);
                    }
                }
                return keep ? new Token(Kind.NAME, source.substring(start, pos), startLine, column) : SKIPPED_NAME;
            }
            if (c == '\'' || c == '"') {
                return string("", startLine, column, keep);
            }
            if (isDigit(c)) {
                int start = pos;
                while (pos < length && (isLetterOrDigit(chars[pos]) || chars[pos] == '.' || chars[pos] == '_')) {
                    pos++;
                }
                return keep ? new Token(Kind.NUMBER, source.substring(start, pos), startLine, column) : SKIPPED_NUMBER;
            }
            pos++;
            // '==', '!=', '<=', '>=' and ':=' must not read as an assignment.
            if ((c == '=' || c == '!' || c == '<' || c == '>' || c == ':') && pos < length && chars[pos] == '=') {
                pos++;
                return new Token(Kind.OP, c + "=", startLine, column);
            }
            if (!keep && c < SKIPPED_OPERATORS.length) {
                return SKIPPED_OPERATORS[c];
            }
            return new Token(Kind.OP, c < ONE_CHAR.length ? ONE_CHAR[c] : String.valueOf(c), startLine, column);
        }
        return new Token(Kind.END, "", line, 0);
    }

    /** Strings of one ASCII character, shared: most tokens of a module are one-character operators. */
    private static final String[] ONE_CHAR = new String[128];
    /** The tokens of skipped statements: their kind and an operator's text are all that is looked at. */
    private static final Token[] SKIPPED_OPERATORS = new Token[128];
    private static final Token SKIPPED_NEWLINE;
    private static final Token SKIPPED_NAME = new Token(Kind.NAME, "", 0, 0);
    private static final Token SKIPPED_NUMBER = new Token(Kind.NUMBER, "", 0, 0);
    private static final Token SKIPPED_STRING = new Token(Kind.STRING, "", 0, 0);
    private static final Token SKIPPED_FSTRING = new Token(Kind.FSTRING, "", 0, 0);

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
            SKIPPED_OPERATORS[c] = new Token(Kind.OP, ONE_CHAR[c], 0, 0);
        }
        SKIPPED_NEWLINE = SKIPPED_OPERATORS['\n'];
    }

    /** {@link Character#isLetter}, answered without a table look-up for ASCII. */
    private static boolean isLetter(char c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' : Character.isLetter(c);
    }

    /** {@link Character#isLetterOrDigit}, answered without a table look-up for ASCII. */
    private static boolean isLetterOrDigit(char c) {
        return c < 0x80 ? c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                : Character.isLetterOrDigit(c);
    }

    /** {@link Character#isDigit}, answered without a table look-up for ASCII. */
    private static boolean isDigit(char c) {
        return c < 0x80 ? c >= '0' && c <= '9' : Character.isDigit(c);
    }

    private void newline() {
        pos++;
        line++;
        lineStart = pos;
    }

    /** A string literal; unless {@code keep}, read past without decoding its value (a shared token). */
    private Token string(String prefix, int startLine, int column, boolean keep) {
        boolean raw = prefix.contains("r");
        boolean formatted = prefix.contains("f");
        int length = chars.length;
        char quote = chars[pos];
        boolean triple = tripleQuote(quote, pos);
        pos += triple ? 3 : 1;
        StringBuilder value = keep ? new StringBuilder() : null;
        while (true) {
            if (pos >= length) {
                throw new InputException(display, startLine, "unterminated string literal");
            }
            char c = chars[pos];
            if (c == quote && (!triple || tripleQuote(quote, pos))) {
                pos += triple ? 3 : 1;
                if (!keep) {
                    return formatted ? SKIPPED_FSTRING : SKIPPED_STRING;
                }
                return new Token(formatted ? Kind.FSTRING : Kind.STRING, value.toString(), startLine, column);
            }
            if (c == '\n') {
                if (!triple) {
                    throw new InputException(display, startLine, "unterminated string literal");
                }
                if (keep) {
                    value.append('\n');
                }
                newline();
                continue;
            }
            if (c == '\\' && pos + 1 < length) {
                char escaped = chars[pos + 1];
                if (escaped == '\n') {
                    pos++;
                    newline();
                    if (raw && keep) {
                        value.append("\\\n");
                    }
                    continue;
                }
                pos += 2;
                if (keep) {
                    value.append(raw ? "\\" + escaped : unescape(escaped));
                }
                continue;
            }
            if (keep) {
                value.append(c);
            }
            pos++;
        }
    }

    /** Whether three {@code quote}s start at {@code at}. */
    private boolean tripleQuote(char quote, int at) {
        return at + 2 < chars.length && chars[at] == quote && chars[at + 1] == quote && chars[at + 2] == quote;
    }

    private static String unescape(char c) {
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '0' -> "\0";
            case '\\', '\'', '"' -> String.valueOf(c);
            default -> "\\" + c;
        };
    }
}
