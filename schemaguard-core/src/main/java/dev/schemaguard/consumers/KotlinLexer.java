package dev.schemaguard.consumers;

import java.util.StringJoiner;
import java.util.function.UnaryOperator;

/**
 * Kotlin: strings ({@code "..."}) and raw strings ({@code """..."""}), both with {@code $name} and {@code ${expr}}
 * templates, character literals, backquoted identifiers and nesting block comments. Also the effect of
 * {@code .trimIndent()} and {@code .trimMargin()} on a literal's text.
 */
final class KotlinLexer extends SourceLexer {

    private static final int QUOTED = 0;
    private static final int RAW = 1;
    /** How a raw string writes a literal dollar before a name or a brace. */
    private static final String DOLLAR = "${'$'}";

    KotlinLexer(SourceText source, int from, int to) {
        super(source, from, to);
    }

    @Override
    void lex() {
        code(false);
    }

    /** Code up to the end of the range, or, for a {@code ${...}} template, up to its closing brace (left at pos). */
    private void code(boolean template) {
        int braces = 0;
        while (pos < limit) {
            char c = chars[pos];
            switch (c) {
                case ' ', '\t' -> blanks();
                case '\n', '\r', '\f' -> pos++;
                case '/' -> slash(true);
                case '"' -> string();
                case '\'' -> quotedOnLine('\'', SourceTokens.OTHER, QUOTED, "character literal", true);
                case '`' -> backquoted();
                case '{' -> {
                    braces++;
                    single();
                }
                case '}' -> {
                    if (template && braces == 0) {
                        return;
                    }
                    braces = Math.max(0, braces - 1);
                    single();
                }
                case '(', ')', '[', ']', ',', ';' -> single();
                case '.' -> dot();
                default -> plain(c);
            }
        }
    }

    private void backquoted() {
        int close = text.indexOf('`', pos + 1);
        int nl = text.indexOf('\n', pos + 1);
        if (close < 0 || close >= limit || nl >= 0 && nl < close) {
            other();
            return;
        }
        tokens.add(SourceTokens.IDENT, pos + 1, close);
        pos = close + 1;
    }

    /** A string or raw string at pos, split into chunks at its templates. */
    private void string() {
        boolean raw = at(pos + 1) == '"' && at(pos + 2) == '"';
        int open = pos;
        pos += raw ? 3 : 1;
        int style = raw ? RAW : QUOTED;
        int chunkStart = pos;
        int previous = -1;
        while (pos < limit) {
            char c = chars[pos];
            if (c == '\\' && !raw) {
                pos += 2;
            } else if (c == '"' && (!raw || at(pos + 1) == '"' && at(pos + 2) == '"')) {
                int end = pos;
                if (raw) {
                    // The closing delimiter is the last three quotes of the run: """a"""" holds a".
                    while (at(end + 3) == '"') {
                        end++;
                    }
                }
                int last = tokens.add(previous < 0 ? SourceTokens.STRING : SourceTokens.TEMPLATE_TAIL, chunkStart,
                        end, style);
                if (previous >= 0) {
                    tokens.link(previous, last);
                }
                pos = end + (raw ? 3 : 1);
                return;
            } else if (c == '\n' && !raw) {
                break;
            } else if (c == '$' && text.startsWith(DOLLAR, pos)) {
                pos += DOLLAR.length();
            } else if (c == '$' && (at(pos + 1) == '{' || isTemplateNameStart(at(pos + 1)))) {
                int chunk = tokens.add(previous < 0 ? SourceTokens.TEMPLATE_HEAD : SourceTokens.TEMPLATE_MIDDLE,
                        chunkStart, pos, style);
                if (previous >= 0) {
                    tokens.link(previous, chunk);
                }
                previous = chunk;
                if (at(pos + 1) == '{') {
                    pos += 2;
                    code(true);
                    if (pos < limit) {
                        pos++;
                    }
                } else {
                    int end = pos + 2;
                    while (end < limit && (Character.isLetterOrDigit(chars[end]) || chars[end] == '_')) {
                        end++;
                    }
                    tokens.add(SourceTokens.IDENT, pos + 1, end);
                    pos = end;
                }
                chunkStart = pos;
            } else {
                pos++;
            }
        }
        source.problem(open, raw ? "unterminated raw string" : "unterminated string literal");
        pos = Math.min(pos, limit);
    }

    private static boolean isTemplateNameStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    @Override
    void appendValue(int token, StringBuilder out) {
        boolean raw = tokens.style(token) == RAW;
        int end = tokens.end(token);
        int p = tokens.start(token);
        while (p < end) {
            char c = chars[p];
            if (c == '$' && text.startsWith(DOLLAR, p)) {
                out.append('$');
                p += DOLLAR.length();
            } else if (c == '\r' && raw) {
                p++;
            } else if (c != '\\' || raw || p + 1 >= end) {
                out.append(c);
                p++;
            } else {
                char e = chars[p + 1];
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'u' -> {
                        appendCodePoint(hex(p + 2, 4, end), p, Math.min(p + 6, end), out);
                        p = Math.min(p + 6, end);
                        continue;
                    }
                    default -> out.append(e);
                }
                p += 2;
            }
        }
    }

    /**
     * Kotlin's {@code trimIndent()}: removes the first and last lines when blank, and the indentation all non-blank
     * lines share.
     */
    static String trimIndent(String value) {
        String[] lines = value.split("\n", -1);
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            if (!line.isBlank()) {
                indent = Math.min(indent, indentWidth(line));
            }
        }
        int drop = indent == Integer.MAX_VALUE ? 0 : indent;
        return reindent(lines, line -> line.substring(Math.min(drop, line.length())));
    }

    /**
     * Kotlin's {@code trimMargin(prefix)}: removes the first and last lines when blank, and from each line the
     * whitespace and the margin prefix that start it.
     */
    static String trimMargin(String value, String prefix) {
        return reindent(value.split("\n", -1), line -> {
            int first = indentWidth(line);
            return first < line.length() && line.startsWith(prefix, first)
                    ? line.substring(first + prefix.length()) : line;
        });
    }

    private static String reindent(String[] lines, UnaryOperator<String> cut) {
        StringJoiner out = new StringJoiner("\n");
        for (int i = 0; i < lines.length; i++) {
            if ((i > 0 && i < lines.length - 1) || !lines[i].isBlank()) {
                out.add(cut.apply(lines[i]));
            }
        }
        return out.toString();
    }

    private static int indentWidth(String line) {
        int i = 0;
        while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}
