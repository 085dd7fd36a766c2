package dev.schemaguard.consumers;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Gives a query found in source the positional parameters PostgreSQL prepares: each interpolation, each psycopg or
 * format placeholder ({@code %s}, {@code %(name)s}, {@code %d}), each JDBC {@code ?} and each named {@code :name}
 * becomes {@code $n}, numbered in text order after the highest {@code $n} the text already has. A named placeholder
 * used twice gets one number.
 *
 * <p>SQL strings, quoted identifiers, dollar quotes and comments are copied as they are, except that an interpolation
 * inside one reads as nothing: a parameter there would be text, and a parameter number that nothing uses keeps the
 * server from preparing the query. A {@code ?} or {@code :} becomes a parameter only where an operand is expected
 * (after an operator, a parenthesis, a comma or a keyword such as {@code AND} or {@code LIMIT}): after an operand it is
 * an operator ({@code data ? 'key'}, {@code ?|}), or an array slice, and stays as written.
 *
 * <p>A template placeholder {@code {{name}}} or {@code {{name::type}}} (Metabase, Umami and other query templates)
 * is a named parameter too, with its cast kept: {@code {{websiteId::uuid}}} reads {@code $1::uuid}. Double braces are
 * nothing in PostgreSQL outside strings, so they can be nothing else.
 */
final class Placeholders {

    /** Words after which an operand, so a placeholder, follows. */
    private static final Set<String> BEFORE_OPERAND = Set.of("and", "or", "not", "in", "like", "ilike", "between",
            "then", "else", "when", "case", "limit", "offset", "values", "select", "where", "escape", "any", "all",
            "some", "return", "first", "next");

    private final CharSequence sql;
    private final StringBuilder out;
    private final Map<String, Integer> named = new HashMap<>();
    private int lastNumber;
    /** Whether the text has psycopg placeholders, in which case {@code %%} is a literal percent sign. */
    private boolean percentStyle;

    private Placeholders(CharSequence sql) {
        this.sql = sql;
        this.out = new StringBuilder(sql.length() + 16);
    }

    /** The text with its placeholders numbered. */
    static String number(CharSequence sql) {
        Placeholders placeholders = new Placeholders(sql);
        placeholders.survey();
        placeholders.rewrite();
        return placeholders.out.toString();
    }

    /** Finds the highest existing {@code $n} and whether {@code %s} placeholders are used. */
    private void survey() {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (isQuoteStart(i)) {
                i = quotedEnd(i);
            } else if (isWordStart(c)) {
                i = wordEnd(i);
            } else if (c == '$' && i + 1 < n && isDigit(sql.charAt(i + 1))) {
                int end = digitsEnd(i + 1);
                if (end - i <= 10) {
                    lastNumber = Math.max(lastNumber, Integer.parseInt(sql, i + 1, end, 10));
                }
                i = end;
            } else if (c == '%') {
                percentStyle |= percentPlaceholderEnd(i) > 0;
                i += i + 1 < n && sql.charAt(i + 1) == '%' ? 2 : 1;
            } else {
                i++;
            }
        }
    }

    private void rewrite() {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (isQuoteStart(i)) {
                i = copyQuoted(i, quotedEnd(i));
            } else if (isWordStart(c)) {
                int end = wordEnd(i);
                out.append(sql, i, end);
                i = end;
            } else if (c == '$' && i + 1 < n && isDigit(sql.charAt(i + 1))) {
                int end = digitsEnd(i + 1);
                out.append(sql, i, end);
                i = end;
            } else if (c == SourceLexer.INTERPOLATION) {
                parameter(null);
                i++;
            } else if (c == '{' && i + 1 < n && sql.charAt(i + 1) == '{' && templatePlaceholderEnd(i) > 0) {
                i = templatePlaceholder(i);
            } else if (c == '?') {
                i = questionMark(i);
            } else if (c == '%' && percentStyle) {
                i = percent(i);
            } else if (c == ':') {
                i = colon(i);
            } else {
                out.append(c);
                i++;
            }
        }
    }

    private static final java.util.regex.Pattern TEMPLATE_PLACEHOLDER = java.util.regex.Pattern.compile(
            "\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(?:::\\s*([A-Za-z_][A-Za-z0-9_ \\[\\]]*?))?\\s*}}");

    /** The end of a {@code {{name}}} or {@code {{name::type}}} placeholder at {@code i}, or -1. */
    private int templatePlaceholderEnd(int i) {
        java.util.regex.Matcher m = TEMPLATE_PLACEHOLDER.matcher(sql).region(i, Math.min(sql.length(), i + 200));
        return m.lookingAt() ? m.end() : -1;
    }

    private int templatePlaceholder(int i) {
        java.util.regex.Matcher m = TEMPLATE_PLACEHOLDER.matcher(sql).region(i, Math.min(sql.length(), i + 200));
        m.lookingAt();
        parameter("{{" + m.group(1));
        if (m.group(2) != null) {
            out.append("::").append(m.group(2).strip());
        }
        return m.end();
    }

    private void parameter(String name) {
        Integer number = name == null ? null : named.get(name);
        if (number == null) {
            number = ++lastNumber;
            if (name != null) {
                named.put(name, number);
            }
        }
        out.append('$').append(number);
    }

    private int questionMark(int i) {
        char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
        if (next == '?' || next == '|' || next == '&' || next == '-' || next == '#') {
            // ??, ?|, ?&, ?-, ?#: an operator (JDBC writes the jsonb ? operator as ??); keep it whole.
            int end = i + 1;
            while (end < sql.length() && "?|&-#".indexOf(sql.charAt(end)) >= 0) {
                end++;
            }
            out.append(sql, i, end);
            return end;
        }
        if (operandExpected()) {
            parameter(null);
        } else {
            out.append('?');
        }
        return i + 1;
    }

    private int percent(int i) {
        int end = percentPlaceholderEnd(i);
        if (end > 0) {
            String name = sql.charAt(i + 1) == '(' ? sql.subSequence(i + 2, end - 2).toString() : null;
            parameter(name);
            return end;
        }
        if (i + 1 < sql.length() && sql.charAt(i + 1) == '%') {
            out.append('%');
            return i + 2;
        }
        out.append('%');
        return i + 1;
    }

    /** The end of a {@code %s}, {@code %d} or {@code %(name)s} at {@code i}, or 0 when there is none. */
    private int percentPlaceholderEnd(int i) {
        int n = sql.length();
        int p = i + 1;
        if (p < n && sql.charAt(p) == '(') {
            int close = p + 1;
            while (close < n && isWordPart(sql.charAt(close))) {
                close++;
            }
            if (close == p + 1 || close >= n || sql.charAt(close) != ')') {
                return 0;
            }
            p = close + 1;
        }
        if (p >= n || sql.charAt(p) != 's' && sql.charAt(p) != 'd') {
            return 0;
        }
        return p + 1 < n && isWordPart(sql.charAt(p + 1)) ? 0 : p + 1;
    }

    private int colon(int i) {
        int n = sql.length();
        boolean afterColon = i > 0 && sql.charAt(i - 1) == ':';
        if (!afterColon && i + 1 < n && isWordStart(sql.charAt(i + 1)) && operandExpected()) {
            int end = wordEnd(i + 1);
            parameter(sql.subSequence(i + 1, end).toString());
            return end;
        }
        out.append(':');
        return i + 1;
    }

    /** Whether the text written so far ends where an operand is expected. */
    private boolean operandExpected() {
        int p = out.length() - 1;
        while (p >= 0 && Character.isWhitespace(out.charAt(p))) {
            p--;
        }
        if (p < 0) {
            return false;
        }
        char c = out.charAt(p);
        if ("=<>(,+-*/|[".indexOf(c) >= 0) {
            return true;
        }
        if (!isWordPart(c)) {
            return false;
        }
        int start = p;
        while (start > 0 && isWordPart(out.charAt(start - 1))) {
            start--;
        }
        return p - start < 8 && BEFORE_OPERAND.contains(out.substring(start, p + 1).toLowerCase(Locale.ROOT));
    }

    private boolean isQuoteStart(int i) {
        char c = sql.charAt(i);
        char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
        return c == '\'' || c == '"' || c == '-' && next == '-' || c == '/' && next == '*'
                || c == '$' && (next == '$' || isWordStart(next) && next != '$' && dollarTagEnd(i) > 0);
    }

    /**
     * The end of the string, quoted identifier, comment or dollar-quoted string at {@code i}; the end of the text when
     * it does not close.
     */
    private int quotedEnd(int i) {
        int n = sql.length();
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            // E'...' strings take backslash escapes.
            boolean backslashes = c == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e')
                    && (i < 2 || !isWordPart(sql.charAt(i - 2)));
            int p = i + 1;
            while (p < n) {
                char d = sql.charAt(p);
                if (backslashes && d == '\\') {
                    p += 2;
                } else if (d == c) {
                    if (p + 1 < n && sql.charAt(p + 1) == c) {
                        p += 2;
                    } else {
                        return p + 1;
                    }
                } else {
                    p++;
                }
            }
            return n;
        }
        if (c == '-') {
            for (int p = i; p < n; p++) {
                if (sql.charAt(p) == '\n') {
                    return p;
                }
            }
            return n;
        }
        if (c == '/') {
            int depth = 0;
            int p = i;
            while (p < n - 1) {
                if (sql.charAt(p) == '/' && sql.charAt(p + 1) == '*') {
                    depth++;
                    p += 2;
                } else if (sql.charAt(p) == '*' && sql.charAt(p + 1) == '/') {
                    p += 2;
                    if (--depth == 0) {
                        return p;
                    }
                } else {
                    p++;
                }
            }
            return n;
        }
        int tagEnd = dollarTagEnd(i);
        String tag = sql.subSequence(i, tagEnd).toString();
        int close = indexOf(tag, tagEnd);
        return close < 0 ? n : close + tag.length();
    }

    /** The end of the dollar-quote tag ({@code $$}, {@code $body$}) at {@code i}, or 0 when there is none. */
    private int dollarTagEnd(int i) {
        int p = i + 1;
        while (p < sql.length() && isWordPart(sql.charAt(p)) && sql.charAt(p) != '$') {
            p++;
        }
        return p < sql.length() && sql.charAt(p) == '$' ? p + 1 : 0;
    }

    private int indexOf(String tag, int from) {
        for (int p = from; p + tag.length() <= sql.length(); p++) {
            if (sql.charAt(p) == '$' && sql.subSequence(p, p + tag.length()).toString().equals(tag)) {
                return p;
            }
        }
        return -1;
    }

    /**
     * Copies quoted text, dropping interpolations inside it; in psycopg style, {@code %%} reads as {@code %} there
     * too, because psycopg formats the whole text.
     */
    private int copyQuoted(int start, int end) {
        for (int p = start; p < end; p++) {
            char c = sql.charAt(p);
            if (c == SourceLexer.INTERPOLATION) {
                continue;
            }
            out.append(c);
            if (c == '%' && percentStyle && p + 1 < end && sql.charAt(p + 1) == '%') {
                p++;
            }
        }
        return end;
    }

    private int wordEnd(int i) {
        int p = i + 1;
        while (p < sql.length() && isWordPart(sql.charAt(p))) {
            p++;
        }
        return p;
    }

    private int digitsEnd(int i) {
        int p = i;
        while (p < sql.length() && isDigit(sql.charAt(p))) {
            p++;
        }
        return p;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c > 127 && Character.isLetter(c);
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '$';
    }
}
