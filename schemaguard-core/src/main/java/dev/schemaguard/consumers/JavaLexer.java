package dev.schemaguard.consumers;

/** Java: string literals, text blocks ({@code """}), character literals and comments. */
final class JavaLexer extends SourceLexer {

    private static final int QUOTED = 0;
    private static final int TEXT_BLOCK = 1;

    JavaLexer(SourceText source, int from, int to) {
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
                case '"' -> {
                    if (at(pos + 1) == '"' && at(pos + 2) == '"') {
                        textBlock();
                    } else {
                        quotedOnLine('"', SourceTokens.STRING, QUOTED, "string literal", true);
                    }
                }
                case '\'' -> quotedOnLine('\'', SourceTokens.OTHER, QUOTED, "character literal", true);
                case '(', ')', '[', ']', '{', '}', ',', ';' -> single();
                case '.' -> dot();
                default -> plain(c);
            }
        }
    }

    /** A text block: its content starts on the line after the opening delimiter. */
    private void textBlock() {
        int open = pos;
        int p = pos + 3;
        while (at(p) == ' ' || at(p) == '\t' || at(p) == '\f') {
            p++;
        }
        if (at(p) == '\r') {
            p++;
        }
        if (at(p) == '\n') {
            p++;
        } else {
            source.problem(open, "a text block's opening \"\"\" must end its line");
        }
        int contentStart = p;
        while (p < limit) {
            char c = chars[p];
            if (c == '\\') {
                p += 2;
            } else if (c == '"' && at(p + 1) == '"' && at(p + 2) == '"') {
                tokens.add(SourceTokens.STRING, contentStart, p, TEXT_BLOCK);
                pos = p + 3;
                return;
            } else {
                p++;
            }
        }
        source.problem(open, "unterminated text block");
        pos = limit;
    }

    /**
     * Java's own reading of the literal: a text block has its line breaks normalised and its incidental indentation
     * stripped before escapes are translated (JLS 3.10.6), which {@link String#stripIndent} and
     * {@link String#translateEscapes} implement.
     */
    @Override
    void appendValue(int token, StringBuilder out) {
        String content = text.substring(tokens.start(token), tokens.end(token));
        if (tokens.style(token) == TEXT_BLOCK) {
            content = content.replace("\r\n", "\n").replace('\r', '\n').stripIndent();
        }
        try {
            out.append(content.translateEscapes());
        } catch (IllegalArgumentException e) {
            source.problem(tokens.start(token), "invalid escape sequence in a string literal: " + e.getMessage());
            out.append(content);
        }
    }
}
