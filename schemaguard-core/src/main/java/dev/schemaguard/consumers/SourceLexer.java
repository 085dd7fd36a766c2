package dev.schemaguard.consumers;

/**
 * Splits one language's source into the tokens the extraction needs: identifiers, punctuation, and string literals
 * with their interpolations, stepping over comments and whitespace. One pass over the characters, no regular
 * expressions; a construct that does not end (an unterminated string) is reported and the scan goes on.
 *
 * <p>Each subclass knows its language's literals: where they end, and how their content reads once escapes are
 * resolved ({@link #appendValue}).
 */
abstract class SourceLexer {

    /**
     * Stands for an interpolation in decoded text until {@link Placeholders} numbers it: a private-use character, which
     * SQL written in a source file does not contain.
     */
    static final char INTERPOLATION = '\uE000';

    /** Characters that form operator runs ({@code +}, {@code ===}, {@code ?.} is {@code ?} then {@code .}). */
    private static final String OPERATOR_CHARS = "+-*%=<>!&|^~?:";
    private static final byte IDENT_START = 1;
    private static final byte IDENT_PART = 2;
    private static final byte OPERATOR = 4;
    /** The classes of ASCII characters, looked up instead of compared: the lexers ask for every character. */
    private static final byte[] ASCII_CLASSES = new byte[128];

    static {
        for (char c = 0; c < 128; c++) {
            boolean letter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == '$';
            ASCII_CLASSES[c] = (byte) ((letter ? IDENT_START | IDENT_PART : 0) | (isDigit(c) ? IDENT_PART : 0)
                    | (OPERATOR_CHARS.indexOf(c) >= 0 ? OPERATOR : 0));
        }
    }

    protected final SourceText source;
    protected final String text;
    /** The text's characters: indexing an array is what the scanning loops do most. */
    protected final char[] chars;
    protected final int limit;
    protected final SourceTokens tokens;
    protected int pos;

    /** A lexer for the text of {@code source} from offset {@code from} to {@code to}. */
    protected SourceLexer(SourceText source, int from, int to) {
        this.source = source;
        this.text = source.text();
        this.chars = source.chars();
        this.limit = to;
        this.pos = from;
        this.tokens = SourceTokens.reuse(text, chars);
    }

    /** The lexer for a language (not SQL, which the project's own lexer reads) over part of a file. */
    static SourceLexer of(SourceLanguage language, SourceText source, int from, int to) {
        switch (language) {
            case TYPESCRIPT:
            case JAVASCRIPT:
                return new JavaScriptLexer(source, from, to);
            case PYTHON:
                return new PythonLexer(source, from, to);
            case JAVA:
                return new JavaLexer(source, from, to);
            case KOTLIN:
                return new KotlinLexer(source, from, to);
            case GO:
                return new GoLexer(source, from, to);
            default:
                throw new IllegalArgumentException("no source lexer for " + language);
        }
    }

    /** Lexes the whole range into {@link #tokens()}. */
    abstract void lex();

    SourceTokens tokens() {
        return tokens;
    }

    /** Appends the content of a string token or template chunk as the program sees it, escapes resolved. */
    abstract void appendValue(int token, StringBuilder out);

    /** The content of a string token as the program sees it. */
    final String value(int token) {
        StringBuilder out = new StringBuilder();
        appendValue(token, out);
        return out.toString();
    }

    /** The line of a token, from 1. */
    final int lineOf(int token) {
        return source.lineOf(tokens.start(token));
    }

    /**
     * Appends the literal that starts at token {@code first}, each interpolation as {@link #INTERPOLATION}.
     *
     * @return the literal's last token
     */
    final int appendLiteral(int first, StringBuilder out) {
        int chunk = first;
        appendValue(chunk, out);
        while (tokens.next(chunk) >= 0) {
            out.append(INTERPOLATION);
            chunk = tokens.next(chunk);
            appendValue(chunk, out);
        }
        return chunk;
    }

    /**
     * The offset of the first character of a string token or chunk that is not whitespace, nor an escape of
     * whitespace; -1 when there is none.
     */
    int firstContent(int token) {
        int p = tokens.start(token);
        int end = tokens.end(token);
        while (p < end) {
            char c = chars[p];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                p++;
            } else if (c == '\\' && p + 1 < end && "ntr\n\r".indexOf(chars[p + 1]) >= 0) {
                p += 2;
            } else {
                return p;
            }
        }
        return -1;
    }

    /** The character at {@code p}, or NUL past the end of the range. */
    protected final char at(int p) {
        return p < limit ? chars[p] : '\0';
    }

    protected static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    protected static boolean isIdentStart(char c) {
        return c < 128 ? (ASCII_CLASSES[c] & IDENT_START) != 0 : Character.isJavaIdentifierStart(c);
    }

    protected static boolean isIdentPart(char c) {
        return c < 128 ? (ASCII_CLASSES[c] & IDENT_PART) != 0 : Character.isJavaIdentifierPart(c);
    }

    protected static boolean isOperatorChar(char c) {
        return c < 128 && (ASCII_CLASSES[c] & OPERATOR) != 0;
    }

    /** Skips blanks from pos: runs of indentation are most of many files. */
    protected final void blanks() {
        int p = pos + 1;
        while (p < limit && (chars[p] == ' ' || chars[p] == '\t')) {
            p++;
        }
        pos = p;
    }

    protected final int identifierEnd(int p) {
        while (p < limit && isIdentPart(chars[p])) {
            p++;
        }
        return p;
    }

    protected final void identifier() {
        int end = identifierEnd(pos + 1);
        tokens.add(SourceTokens.IDENT, pos, end);
        pos = end;
    }

    /** A number: digits, letters (hex, exponents, suffixes), underscores and a decimal point. */
    protected final void number() {
        int p = pos + 1;
        while (p < limit) {
            char c = chars[p];
            if (isIdentPart(c) && c != '$' || c == '.' && isDigit(at(p + 1))) {
                p++;
            } else {
                break;
            }
        }
        tokens.add(SourceTokens.NUMBER, pos, p);
        pos = p;
    }

    /** What all the languages read alike: a number, an identifier, an operator, or a character of no interest. */
    protected final void plain(char c) {
        if (isDigit(c)) {
            number();
        } else if (isIdentStart(c)) {
            identifier();
        } else if (isOperatorChar(c)) {
            operator();
        } else {
            other();
        }
    }

    /** A dot: member access, or the start of a number ({@code .5}). */
    protected final void dot() {
        if (isDigit(at(pos + 1))) {
            number();
        } else {
            single();
        }
    }

    /** A slash: a line comment, a block comment, or an operator. */
    protected final void slash(boolean nestedComments) {
        if (at(pos + 1) == '/') {
            lineComment();
        } else if (at(pos + 1) == '*') {
            blockComment(nestedComments);
        } else {
            operator();
        }
    }

    /** One punctuation character. */
    protected final void single() {
        tokens.add(SourceTokens.PUNCT, pos, pos + 1);
        pos++;
    }

    /** The character at pos and the operator characters that follow it, as one token. */
    protected final void operator() {
        int p = pos + 1;
        while (p < limit && isOperatorChar(chars[p])) {
            p++;
        }
        tokens.add(SourceTokens.PUNCT, pos, p);
        pos = p;
    }

    protected final void other() {
        tokens.add(SourceTokens.OTHER, pos, pos + 1);
        pos++;
    }

    /** Skips a line comment, up to the line break (which the caller sees). */
    protected final void lineComment() {
        int nl = text.indexOf('\n', pos);
        pos = nl < 0 || nl > limit ? limit : nl;
    }

    /** Skips a block comment starting at pos; in Kotlin (and SQL) they nest. */
    protected final void blockComment(boolean nests) {
        int open = pos;
        int depth = 1;
        int p = pos + 2;
        while (p < limit) {
            char c = chars[p];
            if (c == '*' && at(p + 1) == '/') {
                p += 2;
                if (--depth == 0) {
                    pos = p;
                    return;
                }
            } else if (nests && c == '/' && at(p + 1) == '*') {
                depth++;
                p += 2;
            } else {
                p++;
            }
        }
        source.problem(open, "unterminated block comment");
        pos = limit;
    }

    /**
     * Skips a quoted literal that cannot hold interpolations and ends on its line (a string, a character literal, a
     * rune), emitting it as {@code kind} with its content; when the line ends first, reports it if {@code report}.
     */
    protected final void quotedOnLine(char quote, byte kind, int style, String what, boolean report) {
        int open = pos;
        int p = pos + 1;
        while (p < limit) {
            char c = chars[p];
            if (c == quote) {
                tokens.add(kind, open + 1, p, style);
                pos = p + 1;
                return;
            }
            if (c == '\\') {
                p += at(p + 1) == '\r' && at(p + 2) == '\n' ? 3 : 2;
            } else if (c == '\n') {
                break;
            } else {
                p++;
            }
        }
        if (report) {
            source.problem(open, "unterminated " + what);
        }
        pos = Math.min(p, limit);
    }

    /**
     * The value of {@code digits} hexadecimal digits at {@code p} (the end of content is {@code end}), or -1 when they
     * are not all there.
     */
    protected final int hex(int p, int digits, int end) {
        if (digits <= 0 || digits > 8 || p + digits > end) {
            return -1;
        }
        int value = 0;
        for (int i = p; i < p + digits; i++) {
            int d = Character.digit(chars[i], 16);
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }

    /**
     * Appends the escape at {@code p} (a backslash; {@code end} is the end of the content) when it is one of those C
     * gave JavaScript, Python and Go: {@code \n \t \r \b \f \v}, the hexadecimal {@code \x} (two digits) and
     * u (four digits), and a line continuation, which reads as nothing.
     *
     * @return the offset after the escape, or -1 when it is another one
     */
    protected final int commonEscape(int p, int end, StringBuilder out) {
        switch (chars[p + 1]) {
            case 'n' -> out.append('\n');
            case 't' -> out.append('\t');
            case 'r' -> out.append('\r');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'v' -> out.append('\u000B');
            case '\n' -> {
                // Lines joined by a backslash before the line break.
            }
            case '\r' -> {
                return p + 2 < end && chars[p + 2] == '\n' ? p + 3 : p + 2;
            }
            case 'x' -> {
                return hexEscape(p, 2, end, out);
            }
            case 'u' -> {
                return hexEscape(p, 4, end, out);
            }
            default -> {
                return -1;
            }
        }
        return p + 2;
    }

    /** Appends the escape at {@code p}: a backslash, a letter and {@code digits} hexadecimal digits. */
    protected final int hexEscape(int p, int digits, int end, StringBuilder out) {
        int last = Math.min(p + 2 + digits, end);
        appendCodePoint(hex(p + 2, digits, end), p, last, out);
        return last;
    }

    /**
     * Appends the code point {@code value} read from an escape, or the escape as written when it is not a valid code
     * point.
     */
    protected final void appendCodePoint(int value, int escapeStart, int escapeEnd, StringBuilder out) {
        if (value >= 0 && Character.isValidCodePoint(value)) {
            out.appendCodePoint(value);
        } else {
            out.append(text, escapeStart, escapeEnd);
        }
    }
}
