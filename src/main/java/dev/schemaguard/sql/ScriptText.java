package dev.schemaguard.sql;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The text being lexed and what the lexer's parts share about it: character access, PostgreSQL's character classes,
 * file positions and errors at a position.
 */
final class ScriptText {

    private final Path file;
    private final String text;
    private final int firstLine;
    /** The offset where each line starts; lines end at {@code \n}, as every line SchemaGuard reports does. */
    private final int[] lineStarts;
    /** The line of the last position asked for. */
    private int lastLine;

    ScriptText(Path file, String text, int firstLine) {
        this.file = file;
        this.text = text;
        this.firstLine = firstLine;
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            count++;
        }
        lineStarts = new int[count];
        int k = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            lineStarts[k++] = i + 1;
        }
    }

    int length() {
        return text.length();
    }

    /** The character at {@code i}, or {@code '\0'} past the end, so that look-ahead needs no bounds checks. */
    char at(int i) {
        return i < text.length() ? text.charAt(i) : '\0';
    }

    String slice(int from, int to) {
        return text.substring(from, to);
    }

    void appendTo(StringBuilder out, int from, int to) {
        out.append(text, from, to);
    }

    int indexOf(String s, int from) {
        return text.indexOf(s, from);
    }

    int indexOf(char c, int from) {
        return text.indexOf(c, from);
    }

    boolean startsWithIgnoreCase(int at, String word) {
        return text.regionMatches(true, at, word, 0, word.length());
    }

    /** The index of the line break ({@code \n} or {@code \r}) that ends the line at {@code p}, or the text's end. */
    int lineEnd(int p) {
        int n = text.length();
        while (p < n && text.charAt(p) != '\n' && text.charAt(p) != '\r') {
            p++;
        }
        return p;
    }

    /** The token from {@code start} to {@code end}; a {@code null} value means the value is the text. */
    Token token(TokenKind kind, int start, int end, String value) {
        return token(kind, start, text.substring(start, end), value);
    }

    /** The token written as {@code source} at {@code start}; a {@code null} value means the value is the source. */
    Token token(TokenKind kind, int start, String source, String value) {
        int line = lineIndex(start);
        return new Token(kind, source, value == null ? source : value, start, firstLine + line,
                start - lineStarts[line] + 1);
    }

    SqlSyntaxException error(int offset, String message) {
        int line = lineIndex(offset);
        return new SqlSyntaxException(file, firstLine + line, offset - lineStarts[line] + 1, message);
    }

    /** The error for a literal or comment that the text ends inside of, reported where it starts. */
    SqlSyntaxException unterminated(int start, String what, String detail) {
        return error(start, "unterminated " + what + " that starts here" + detail);
    }

    private int lineIndex(int offset) {
        // The lexer asks in increasing order: walking on from the last answer is cheaper than a search each time.
        if (offset >= lineStarts[lastLine]) {
            while (lastLine + 1 < lineStarts.length && lineStarts[lastLine + 1] <= offset) {
                lastLine++;
            }
            return lastLine;
        }
        int i = Arrays.binarySearch(lineStarts, offset);
        return i >= 0 ? i : -i - 2;
    }

    // ---- PostgreSQL's character classes

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Letters, underscore and every non-ASCII character (the server's bytes \200-\377). */
    static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    static boolean isIdentCont(char c) {
        return isIdentStart(c) || isDigit(c) || c == '$';
    }

    /** The value of an ASCII hex digit, or -1. */
    static int hexValue(char c) {
        return c < 0x80 ? Character.digit(c, 16) : -1;
    }
}
