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
    /**
     * The text's characters: the lexer reads every one, often twice, and an array read costs a fraction of
     * {@code String.charAt} (which checks the string's encoding and bounds on every call) in the quick compiler.
     */
    private final char[] chars;
    private final int firstLine;
    /**
     * Lines are counted as the lexer moves forward: up to {@code countedTo}, {@code countedLine} lines have started,
     * the last at {@code countedLineStart}. A position behind that (an error reported where a literal began) is
     * looked up in {@link #lineStarts}, made the first time one is needed.
     */
    private int countedTo;
    private int countedLine;
    private int countedLineStart;
    private int[] lineStarts;
    private final Words words = WORDS.get();

    /** Strings of one ASCII character, shared: punctuation is a third of the tokens of a script. */
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR.length; c++) {
            ONE_CHAR[c] = String.valueOf(c);
        }
    }

    /**
     * The words the lexer met last on this thread, each with its folded value: most words of a history are the same
     * few hundred keywords and names, and sharing their strings instead of making two per occurrence takes most of
     * what lexing allocates (and the collections that allocation causes) away. A word only replaces the one in its
     * slot, so the table stays small.
     */
    private static final class Words {
        private static final int SLOTS = 4096;
        /** Longer words are rarer, and compared char by char, cost more to find than to make. */
        static final int LONGEST = 48;
        final String[] texts = new String[SLOTS];
        final String[] values = new String[SLOTS];
    }

    private static final ThreadLocal<Words> WORDS = ThreadLocal.withInitial(Words::new);

    ScriptText(Path file, String text, int firstLine) {
        this.file = file;
        this.text = text;
        this.chars = text.toCharArray();
        this.firstLine = firstLine;
    }

    int length() {
        return chars.length;
    }

    /** The character at {@code i}, or {@code '\0'} past the end, so that look-ahead needs no bounds checks. */
    char at(int i) {
        return i < chars.length ? chars[i] : '\0';
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
        for (int i = Math.max(from, 0); i < chars.length; i++) {
            if (chars[i] == c) {
                return i;
            }
        }
        return -1;
    }

    boolean startsWithIgnoreCase(int at, String word) {
        return text.regionMatches(true, at, word, 0, word.length());
    }

    /** The index of the line break ({@code \n} or {@code \r}) that ends the line at {@code p}, or the text's end. */
    int lineEnd(int p) {
        int n = chars.length;
        while (p < n && chars[p] != '\n' && chars[p] != '\r') {
            p++;
        }
        return p;
    }

    /** The token from {@code start} to {@code end}; a {@code null} value means the value is the text. */
    Token token(TokenKind kind, int start, int end, String value) {
        String source = end == start + 1 && chars[start] < ONE_CHAR.length ? ONE_CHAR[chars[start]]
                : text.substring(start, end);
        return token(kind, start, source, value);
    }

    /**
     * The unquoted word from {@code start} to {@code end}, whose characters hash to {@code hash} (as
     * {@link String#hashCode} would), with its value folded as the server folds it.
     */
    Token word(int start, int end, int hash) {
        int length = end - start;
        if (length > Words.LONGEST) {
            String word = text.substring(start, end);
            return token(TokenKind.WORD, start, word, Identifiers.fold(word));
        }
        int slot = (hash ^ hash >>> 12) & (Words.SLOTS - 1);
        String known = words.texts[slot];
        if (known == null || !sameChars(known, start, length)) {
            known = text.substring(start, end);
            words.texts[slot] = known;
            words.values[slot] = Identifiers.fold(known);
        }
        return token(TokenKind.WORD, start, known, words.values[slot]);
    }

    private boolean sameChars(String known, int start, int length) {
        if (known.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (known.charAt(i) != chars[start + i]) {
                return false;
            }
        }
        return true;
    }

    /** The token written as {@code source} at {@code start}; a {@code null} value means the value is the source. */
    Token token(TokenKind kind, int start, String source, String value) {
        if (start >= countedTo) {
            countTo(start);
            return new Token(kind, source, value == null ? source : value, start, firstLine + countedLine,
                    start - countedLineStart + 1);
        }
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

    private void countTo(int offset) {
        for (int i = countedTo; i < offset; i++) {
            if (chars[i] == '\n') {
                countedLine++;
                countedLineStart = i + 1;
            }
        }
        countedTo = offset;
    }

    /** The line (from 0) of any position, through a table of where lines start. */
    private int lineIndex(int offset) {
        if (lineStarts == null) {
            int count = 1;
            for (char c : chars) {
                if (c == '\n') {
                    count++;
                }
            }
            lineStarts = new int[count];
            int k = 1;
            for (int i = 0; i < chars.length; i++) {
                if (chars[i] == '\n') {
                    lineStarts[k++] = i + 1;
                }
            }
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
