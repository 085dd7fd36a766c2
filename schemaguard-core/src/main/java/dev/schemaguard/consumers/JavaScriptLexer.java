package dev.schemaguard.consumers;

import java.util.Arrays;
import java.util.Set;

/**
 * TypeScript and JavaScript: quoted strings, template literals with {@code ${...}} (nested ones too), comments, and
 * regular expression literals, told from division by the token before the slash.
 */
final class JavaScriptLexer extends SourceLexer {

    private static final int QUOTED = 0;
    private static final int TEMPLATE = 1;
    /** Keywords after which a slash starts a regular expression rather than a division. */
    private static final Set<String> BEFORE_EXPRESSION = Set.of("return", "typeof", "instanceof", "in", "of", "new",
            "delete", "void", "throw", "case", "do", "else", "yield", "await");

    /**
     * In JSX, text between tags is not code, and an apostrophe in it ({@code <p>Don't</p>}) would read as an
     * unterminated string; in those files such strings are skipped without a report.
     */
    private final boolean jsx;
    /** For each open parenthesis, whether it holds the condition of if, while, for or with. */
    private boolean[] conditions = new boolean[16];
    private int parens;
    /** Whether the last closing parenthesis ended such a condition, after which a statement, maybe a regex, starts. */
    private boolean closedCondition;

    JavaScriptLexer(SourceText source, int from, int to) {
        super(source, from, to);
        String extension = SourceLanguage.extension(source.file());
        this.jsx = extension.equals("jsx") || extension.equals("tsx");
    }

    @Override
    void lex() {
        if (text.startsWith("#!", pos)) {
            lineComment();
        }
        code(false);
    }

    /** Code up to the end of the range, or, for a template's {@code ${...}}, up to its closing brace (left at pos). */
    private void code(boolean interpolation) {
        int braces = 0;
        while (pos < limit) {
            char c = chars[pos];
            switch (c) {
                case ' ', '\t' -> blanks();
                case '\n', '\r', '\f' -> pos++;
                case '/' -> slashOrRegex();
                case '\'', '"' -> quotedOnLine(c, SourceTokens.STRING, QUOTED, "string literal", !jsx);
                case '`' -> template();
                case '{' -> {
                    braces++;
                    single();
                }
                case '}' -> {
                    if (interpolation && braces == 0) {
                        return;
                    }
                    braces = Math.max(0, braces - 1);
                    single();
                }
                case '(' -> {
                    openParen();
                    single();
                }
                case ')' -> {
                    closeParen();
                    single();
                }
                case '[', ']', ',', ';' -> single();
                case '.' -> dot();
                default -> plain(c);
            }
        }
    }

    private void openParen() {
        int last = tokens.size() - 1;
        if (parens == conditions.length) {
            conditions = Arrays.copyOf(conditions, parens * 2);
        }
        conditions[parens++] = tokens.isIdent(last, "if") || tokens.isIdent(last, "while")
                || tokens.isIdent(last, "for") || tokens.isIdent(last, "with");
    }

    private void closeParen() {
        closedCondition = parens > 0 && conditions[--parens];
    }

    private void slashOrRegex() {
        char next = at(pos + 1);
        if (next == '/' || next == '*' || !regexAllowed() || !regex()) {
            slash(false);
        }
    }

    /** Whether a slash here would start a regular expression: the token before cannot end an operand. */
    private boolean regexAllowed() {
        int last = tokens.size() - 1;
        switch (tokens.kind(last)) {
            case 0:
                return true;
            case SourceTokens.NUMBER:
            case SourceTokens.STRING:
            case SourceTokens.TEMPLATE_TAIL:
                return false;
            case SourceTokens.IDENT:
                return BEFORE_EXPRESSION.contains(tokens.text(last));
            case SourceTokens.PUNCT:
                char c = tokens.lastChar(last);
                return c == ')' ? closedCondition : c != ']' && c != '}';
            default:
                return true;
        }
    }

    /**
     * Skips a regular expression literal at pos; a regular expression cannot span lines, so when the line ends
     * first the slash was a division after all and nothing is skipped.
     */
    private boolean regex() {
        boolean inClass = false;
        int p = pos + 1;
        while (p < limit) {
            char c = chars[p];
            if (c == '\n' || c == '\r') {
                return false;
            }
            if (c == '\\') {
                p += 2;
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                int end = identifierEnd(p + 1);
                tokens.add(SourceTokens.OTHER, pos, end);
                pos = end;
                return true;
            }
            p++;
        }
        return false;
    }

    /** A template literal: chunks of text between {@code ${...}} interpolations, whose code is lexed in place. */
    private void template() {
        int open = pos;
        int chunkStart = ++pos;
        int previous = -1;
        while (pos < limit) {
            char c = chars[pos];
            if (c == '\\') {
                pos += 2;
            } else if (c == '`') {
                int last = tokens.add(previous < 0 ? SourceTokens.STRING : SourceTokens.TEMPLATE_TAIL, chunkStart,
                        pos, TEMPLATE);
                if (previous >= 0) {
                    tokens.link(previous, last);
                }
                pos++;
                return;
            } else if (c == '$' && at(pos + 1) == '{') {
                int chunk = tokens.add(previous < 0 ? SourceTokens.TEMPLATE_HEAD : SourceTokens.TEMPLATE_MIDDLE,
                        chunkStart, pos, TEMPLATE);
                if (previous >= 0) {
                    tokens.link(previous, chunk);
                }
                previous = chunk;
                pos += 2;
                code(true);
                if (pos >= limit) {
                    break;
                }
                chunkStart = ++pos;
            } else {
                pos++;
            }
        }
        source.problem(open, "unterminated template literal");
        pos = limit;
    }

    @Override
    void appendValue(int token, StringBuilder out) {
        int end = tokens.end(token);
        int p = tokens.start(token);
        while (p < end) {
            char c = chars[p];
            if (c == '\r' && tokens.style(token) == TEMPLATE) {
                // A template's line breaks read as \n whatever the file uses.
                out.append('\n');
                p += p + 1 < end && chars[p + 1] == '\n' ? 2 : 1;
            } else if (c != '\\' || p + 1 >= end) {
                out.append(c);
                p++;
            } else {
                p = escape(p, end, out);
            }
        }
    }

    /** Appends the escape sequence at {@code p} (a backslash) and returns the offset after it. */
    private int escape(int p, int end, StringBuilder out) {
        char e = chars[p + 1];
        if (e == 'u' && p + 2 < end && chars[p + 2] == '{') {
            int close = text.indexOf('}', p + 3);
            int last = close < 0 || close >= end ? end : close + 1;
            appendCodePoint(close < 0 || close >= end ? -1 : hex(p + 3, close - p - 3, end), p, last, out);
            return last;
        }
        int after = commonEscape(p, end, out);
        if (after >= 0) {
            return after;
        }
        out.append(e == '0' ? '\0' : e);
        return p + 2;
    }
}
