package dev.schemaguard.consumers;

/** Go: interpreted strings ({@code "..."}), raw strings ({@code `...`}), runes and comments. */
final class GoLexer extends SourceLexer {

    private static final int INTERPRETED = 0;
    private static final int RAW = 1;

    GoLexer(SourceText source, int from, int to) {
        super(source, from, to);
    }

    @Override
    void lex() {
        while (pos < limit) {
            char c = chars[pos];
            switch (c) {
                case ' ', '\t' -> blanks();
                case '\n', '\r', '\f' -> pos++;
                case '/' -> slash(false);
                case '"' -> quotedOnLine('"', SourceTokens.STRING, INTERPRETED, "string literal", true);
                case '`' -> raw();
                case '\'' -> quotedOnLine('\'', SourceTokens.OTHER, INTERPRETED, "rune literal", true);
                case '(', ')', '[', ']', '{', '}', ',', ';' -> single();
                case '.' -> dot();
                default -> plain(c);
            }
        }
    }

    private void raw() {
        int close = text.indexOf('`', pos + 1);
        if (close < 0 || close >= limit) {
            source.problem(pos, "unterminated raw string literal");
            pos = limit;
            return;
        }
        tokens.add(SourceTokens.STRING, pos + 1, close, RAW);
        pos = close + 1;
    }

    @Override
    void appendValue(int token, StringBuilder out) {
        boolean raw = tokens.style(token) == RAW;
        int end = tokens.end(token);
        int p = tokens.start(token);
        while (p < end) {
            char c = chars[p];
            if (c == '\r' && raw) {
                // Go drops carriage returns from raw strings.
                p++;
            } else if (c != '\\' || raw || p + 1 >= end) {
                out.append(c);
                p++;
            } else {
                p = escape(p, end, out);
            }
        }
    }

    /** Appends the escape sequence at {@code p} (a backslash) and returns the offset after it. */
    private int escape(int p, int end, StringBuilder out) {
        int after = commonEscape(p, end, out);
        if (after >= 0) {
            return after;
        }
        char e = chars[p + 1];
        switch (e) {
            case 'a' -> out.append('\u0007');
            case 'U' -> {
                return hexEscape(p, 8, end, out);
            }
            default -> {
                if (e >= '0' && e <= '7' && p + 4 <= end) {
                    int value = 0;
                    for (int q = p + 1; q < p + 4 && value >= 0; q++) {
                        int digit = Character.digit(chars[q], 8);
                        value = digit < 0 ? -1 : value * 8 + digit;
                    }
                    appendCodePoint(value, p, p + 4, out);
                    return p + 4;
                }
                out.append(e);
            }
        }
        return p + 2;
    }
}
