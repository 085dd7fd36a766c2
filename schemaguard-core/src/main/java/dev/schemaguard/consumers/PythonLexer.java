package dev.schemaguard.consumers;

/**
 * Python: string literals with any prefix combination ({@code r b u f t}, either case), triple quotes, f-strings whose
 * {@code {expr}} fields are lexed as code ({@code {{} and {@code }}} are literal braces), {@code #} comments, and the
 * logical line ends that separate statements (adjacent literals concatenate only within one).
 */
final class PythonLexer extends SourceLexer {

    private static final int RAW = 1;
    private static final int FORMAT = 2;

    PythonLexer(SourceText source, int from, int to) {
        super(source, from, to);
    }

    @Override
    void lex() {
        code(false);
    }

    /**
     * Code up to the end of the range, or, inside an f-string field, up to what ends the expression at its own
     * bracket depth: the closing brace, a {@code !} conversion or a {@code :} format spec (left at pos).
     */
    private void code(boolean field) {
        int depth = 0;
        while (pos < limit) {
            char c = chars[pos];
            switch (c) {
                case ' ', '\t' -> blanks();
                case '\f', '\r' -> pos++;
                case '\n' -> {
                    if (!field && depth == 0) {
                        newline();
                    }
                    pos++;
                }
                case '#' -> lineComment();
                case '\\' -> {
                    // A line continuation joins the next line to this one: no NEWLINE.
                    if (at(pos + 1) == '\n') {
                        pos += 2;
                    } else if (at(pos + 1) == '\r' && at(pos + 2) == '\n') {
                        pos += 3;
                    } else {
                        other();
                    }
                }
                case '\'', '"' -> string(0);
                case '(', '[', '{' -> {
                    depth++;
                    single();
                }
                case ')', ']', '}' -> {
                    if (field && depth == 0) {
                        return;
                    }
                    depth = Math.max(0, depth - 1);
                    single();
                }
                case ',', ';' -> single();
                case '.' -> dot();
                case '!' -> {
                    if (field && depth == 0 && at(pos + 1) != '=') {
                        return;
                    }
                    operator();
                }
                case ':' -> {
                    if (field && depth == 0) {
                        return;
                    }
                    operator();
                }
                default -> {
                    if (isIdentStart(c)) {
                        identifierOrPrefixedString();
                    } else {
                        plain(c);
                    }
                }
            }
        }
    }

    private void newline() {
        int last = tokens.size() - 1;
        if (last >= 0 && tokens.kind(last) != SourceTokens.NEWLINE) {
            tokens.add(SourceTokens.NEWLINE, pos, pos);
        }
    }

    /** An identifier, or the prefix of a string literal ({@code rb"..."}, {@code F'...'}). */
    private void identifierOrPrefixedString() {
        int end = identifierEnd(pos + 1);
        char after = at(end);
        if (end - pos <= 2 && (after == '\'' || after == '"')) {
            int style = prefixStyle(pos, end);
            if (style >= 0) {
                pos = end;
                string(style);
                return;
            }
        }
        tokens.add(SourceTokens.IDENT, pos, end);
        pos = end;
    }

    /** The style a string prefix gives, or -1 when the letters are not a prefix. */
    private int prefixStyle(int start, int end) {
        int style = 0;
        for (int p = start; p < end; p++) {
            switch (chars[p]) {
                case 'r', 'R' -> style |= RAW;
                case 'f', 'F', 't', 'T' -> style |= FORMAT;
                case 'b', 'B', 'u', 'U' -> {
                    // Bytes and unicode literals read like plain strings here.
                }
                default -> {
                    return -1;
                }
            }
        }
        return style;
    }

    /** A string literal whose opening quote is at pos; in an f-string, fields become chunk boundaries. */
    private void string(int style) {
        char quote = chars[pos];
        boolean triple = at(pos + 1) == quote && at(pos + 2) == quote;
        int open = pos;
        pos += triple ? 3 : 1;
        int chunkStart = pos;
        int previous = -1;
        boolean format = (style & FORMAT) != 0;
        while (pos < limit) {
            char c = chars[pos];
            if (c == '\\') {
                // Even in a raw string a backslash keeps the quote after it from closing the literal.
                pos += 2;
            } else if (c == quote && (!triple || at(pos + 1) == quote && at(pos + 2) == quote)) {
                int last = tokens.add(previous < 0 ? SourceTokens.STRING : SourceTokens.TEMPLATE_TAIL, chunkStart,
                        pos, style);
                if (previous >= 0) {
                    tokens.link(previous, last);
                }
                pos += triple ? 3 : 1;
                return;
            } else if (c == '\n' && !triple) {
                break;
            } else if (format && (c == '{' || c == '}') && at(pos + 1) == c) {
                pos += 2;
            } else if (format && c == '{') {
                int chunk = tokens.add(previous < 0 ? SourceTokens.TEMPLATE_HEAD : SourceTokens.TEMPLATE_MIDDLE,
                        chunkStart, pos, style);
                if (previous >= 0) {
                    tokens.link(previous, chunk);
                }
                previous = chunk;
                pos++;
                field(triple);
                chunkStart = pos;
            } else {
                pos++;
            }
        }
        source.problem(open, triple ? "unterminated triple-quoted string" : "unterminated string literal");
        pos = Math.min(pos, limit);
    }

    /** An f-string field after its opening brace: the expression, a conversion, a format spec, the closing brace. */
    private void field(boolean triple) {
        code(true);
        if (at(pos) == '!') {
            pos = identifierEnd(pos + 1);
        }
        if (at(pos) == ':') {
            // The format spec is text, with nested {fields} of its own; it only shapes how the value prints.
            int depth = 0;
            pos++;
            while (pos < limit) {
                char c = chars[pos];
                if (c == '}' && depth == 0 || c == '\n' && !triple) {
                    break;
                }
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
                pos++;
            }
        }
        if (at(pos) == '}') {
            pos++;
        }
    }

    @Override
    void appendValue(int token, StringBuilder out) {
        int style = tokens.style(token);
        boolean raw = (style & RAW) != 0;
        boolean format = (style & FORMAT) != 0;
        int end = tokens.end(token);
        int p = tokens.start(token);
        while (p < end) {
            char c = chars[p];
            if (format && (c == '{' || c == '}') && p + 1 < end && chars[p + 1] == c) {
                out.append(c);
                p += 2;
            } else if (c == '\r' && p + 1 < end && chars[p + 1] == '\n') {
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
            case '\\', '\'', '"' -> out.append(e);
            case 'U' -> {
                return hexEscape(p, 8, end, out);
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int q = p + 1;
                    int value = 0;
                    while (q < end && q < p + 4 && chars[q] >= '0' && chars[q] <= '7') {
                        value = value * 8 + chars[q] - '0';
                        q++;
                    }
                    out.append((char) value);
                    return q;
                }
                // Unknown escapes (and \N{...}) stay as written, as Python keeps them.
                out.append('\\').append(e);
            }
        }
        return p + 2;
    }
}
