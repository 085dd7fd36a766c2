package dev.schemaguard.consumers;

import java.util.Arrays;

/**
 * The tokens a {@link SourceLexer} found, in source order, in parallel arrays: a file has many tokens and few of them
 * matter, so none of them is an object.
 *
 * <p>A string literal is one {@link #STRING} token. A literal with interpolations (a template literal, an f-string, a
 * Kotlin template) is a chain of chunks, {@link #TEMPLATE_HEAD}, {@link #TEMPLATE_MIDDLE}s and
 * {@link #TEMPLATE_TAIL}, linked by {@link #next}; between two chunks lie the tokens of the interpolated expression.
 * For strings and chunks, start and end delimit the content between the delimiters, escapes not yet resolved.
 */
final class SourceTokens {

    static final byte IDENT = 1;
    static final byte NUMBER = 2;
    /** Punctuation, or an operator: a run of operator characters. */
    static final byte PUNCT = 3;
    static final byte STRING = 4;
    static final byte TEMPLATE_HEAD = 5;
    static final byte TEMPLATE_MIDDLE = 6;
    static final byte TEMPLATE_TAIL = 7;
    /** The end of a logical line, where a language ends statements there (Python). */
    static final byte NEWLINE = 8;
    /** Anything else the lexer steps over: a character literal, a regular expression, a stray character. */
    static final byte OTHER = 9;

    /**
     * Each thread's buffer: scanning reuses it file after file instead of allocating and growing arrays for every
     * file. A file's tokens are dropped once its queries and member reads are found.
     */
    private static final ThreadLocal<SourceTokens> BUFFERS = ThreadLocal.withInitial(() -> new SourceTokens(4096));

    private String text;
    private char[] chars;
    private byte[] kinds;
    private int[] starts;
    private int[] ends;
    /** For strings and chunks: the lexer's flags for how to read the content (raw, f-string, text block...). */
    private int[] styles;
    /** For chunks: the next chunk of the same literal, or -1 after the last. */
    private int[] links;
    private int size;

    private SourceTokens(int capacity) {
        kinds = new byte[capacity];
        starts = new int[capacity];
        ends = new int[capacity];
        styles = new int[capacity];
        links = new int[capacity];
    }

    /** This thread's buffer, emptied, for the tokens of {@code text} (whose characters are {@code chars}). */
    static SourceTokens reuse(String text, char[] chars) {
        SourceTokens tokens = BUFFERS.get();
        tokens.text = text;
        tokens.chars = chars;
        tokens.size = 0;
        return tokens;
    }

    int add(byte kind, int start, int end) {
        return add(kind, start, end, 0);
    }

    int add(byte kind, int start, int end, int style) {
        if (size == kinds.length) {
            int capacity = size * 2;
            kinds = Arrays.copyOf(kinds, capacity);
            starts = Arrays.copyOf(starts, capacity);
            ends = Arrays.copyOf(ends, capacity);
            styles = Arrays.copyOf(styles, capacity);
            links = Arrays.copyOf(links, capacity);
        }
        kinds[size] = kind;
        starts[size] = start;
        ends[size] = end;
        styles[size] = style;
        links[size] = -1;
        return size++;
    }

    /** Chains a literal's chunk to the one before it. */
    void link(int previous, int next) {
        links[previous] = next;
    }

    int size() {
        return size;
    }

    byte kind(int i) {
        return i >= 0 && i < size ? kinds[i] : 0;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    int style(int i) {
        return styles[i];
    }

    /** The next chunk of the literal chunk {@code i}, or -1. */
    int next(int i) {
        return links[i];
    }

    /** Whether a literal starts at {@code i}: a plain string or the first chunk of an interpolated one. */
    boolean isLiteralStart(int i) {
        byte kind = kind(i);
        return kind == STRING || kind == TEMPLATE_HEAD;
    }

    /** The last chunk of the literal starting at {@code i} (the token itself for a plain string). */
    int literalEnd(int i) {
        int last = i;
        while (links[last] >= 0) {
            last = links[last];
        }
        return last;
    }

    /** +1 for an opening bracket ({@code ( [ {}), -1 for a closing one, 0 for any other token. */
    int bracket(int i) {
        if (kind(i) != PUNCT || ends[i] - starts[i] != 1) {
            return 0;
        }
        char c = chars[starts[i]];
        return c == '(' || c == '[' || c == '{' ? 1 : c == ')' || c == ']' || c == '}' ? -1 : 0;
    }

    /** The index of the bracket that closes the one at {@code open}, or the token count when none does. */
    int closing(int open) {
        int depth = 0;
        for (int p = open; p < size; p++) {
            depth += bracket(p);
            if (depth == 0 && bracket(p) < 0) {
                return p;
            }
        }
        return size;
    }

    /** Whether token {@code i} is the one-character punctuation {@code c}. */
    boolean isPunct(int i, char c) {
        return kind(i) == PUNCT && ends[i] - starts[i] == 1 && chars[starts[i]] == c;
    }

    /** Whether token {@code i} is the identifier {@code name}. */
    boolean isIdent(int i, String name) {
        if (kind(i) != IDENT || ends[i] - starts[i] != name.length()) {
            return false;
        }
        for (int k = 0, p = starts[i]; k < name.length(); k++, p++) {
            if (chars[p] != name.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    char firstChar(int i) {
        return chars[starts[i]];
    }

    char lastChar(int i) {
        return chars[ends[i] - 1];
    }

    String text(int i) {
        return text.substring(starts[i], ends[i]);
    }
}
