package dev.schemaguard.sql;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import static dev.schemaguard.sql.ScriptText.hexValue;

/**
 * Reads quoted literals and decodes them as the server does: {@code ''} and {@code ""} doubling, continuation lines,
 * the backslash escapes of {@code E'...'} and the Unicode escapes of {@code U&'...'}.
 */
final class StringLiterals {

    /** A literal's decoded contents and the index just past it. */
    record Literal(String value, int end) {
    }

    private final ScriptText t;

    StringLiterals(ScriptText text) {
        this.t = text;
    }

    /**
     * A single-quoted literal whose opening quote is at {@code quote}, through any continuation lines.
     *
     * @param doubled whether {@code ''} stands for a quote (not in bit strings, where it ends the literal)
     */
    Literal quoted(int start, int quote, boolean doubled, String what) {
        int first = t.indexOf('\'', quote + 1);
        // the common case, one segment without doubled quotes: its text is the value
        if (first >= 0 && !(doubled && t.at(first + 1) == '\'') && continuation(first + 1) < 0) {
            return new Literal(t.slice(quote + 1, first), first + 1);
        }
        StringBuilder value = new StringBuilder();
        int p = quote + 1;
        while (true) {
            int close = t.indexOf('\'', p);
            if (close < 0) {
                throw t.unterminated(start, what, "");
            }
            t.appendTo(value, p, close);
            if (doubled && t.at(close + 1) == '\'') {
                value.append('\'');
                p = close + 2;
                continue;
            }
            int next = continuation(close + 1);
            if (next < 0) {
                return new Literal(value.toString(), close + 1);
            }
            p = next + 1;
        }
    }

    /**
     * SQL's string continuation: {@code 'foo'} and {@code 'bar'} separated by whitespace that holds a line break (and
     * maybe {@code --} comments) are one constant. Returns the index of the next segment's opening quote, or -1.
     */
    private int continuation(int p) {
        boolean newline = false;
        while (p < t.length()) {
            char c = t.at(p);
            if (c == '\n' || c == '\r') {
                newline = true;
                p++;
            } else if (ScriptText.isSpace(c)) {
                p++;
            } else if (c == '-' && t.at(p + 1) == '-') {
                p = t.lineEnd(p);
            } else {
                return c == '\'' && newline ? p : -1;
            }
        }
        return -1;
    }

    /** An {@code E'...'} string at {@code start}, backslash escapes resolved. */
    Literal escapeString(int start) {
        StringBuilder value = new StringBuilder();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(); // a run of \ooo and \xhh escapes: UTF-8 bytes
        int highSurrogate = -1;
        int p = start + 2;
        while (true) {
            if (p >= t.length()) {
                throw t.unterminated(start, "quoted string", "");
            }
            char c = t.at(p);
            char e = t.at(p + 1);
            if (highSurrogate >= 0 && !(c == '\\' && (e == 'u' || e == 'U'))) {
                throw t.error(p, "invalid Unicode surrogate pair");
            }
            if (c == '\'' && e == '\'') {
                flush(bytes, value, start);
                value.append('\'');
                p += 2;
            } else if (c == '\'') {
                int next = continuation(p + 1);
                if (next < 0) {
                    flush(bytes, value, start);
                    return new Literal(value.toString(), p + 1);
                }
                p = next + 1;
            } else if (c != '\\') {
                flush(bytes, value, start);
                value.append(c);
                p++;
            } else if (p + 1 >= t.length()) {
                throw t.unterminated(start, "quoted string", "");
            } else if (e >= '0' && e <= '7') {
                int q = p + 1;
                int b = 0;
                while (q < p + 4 && t.at(q) >= '0' && t.at(q) <= '7') {
                    b = b * 8 + (t.at(q++) - '0');
                }
                bytes.write(b & 0xFF);
                p = q;
            } else if (e == 'x' && hexValue(t.at(p + 2)) >= 0) {
                int q = p + 2;
                int b = 0;
                while (q < p + 4 && hexValue(t.at(q)) >= 0) {
                    b = b * 16 + hexValue(t.at(q++));
                }
                bytes.write(b);
                p = q;
            } else if (e == 'u' || e == 'U') {
                flush(bytes, value, start);
                int digits = e == 'u' ? 4 : 8;
                long cp = hex(t.slice(p + 2, Math.min(p + 2 + digits, t.length())), 0, digits);
                if (cp < 0) {
                    throw t.error(p, "invalid Unicode escape: Unicode escapes must be \\uXXXX or \\UXXXXXXXX");
                }
                highSurrogate = addCodePoint(value, cp, highSurrogate, p);
                p += 2 + digits;
            } else {
                flush(bytes, value, start);
                value.append(unescape(e));
                p += 2;
            }
        }
    }

    private static char unescape(char c) {
        return switch (c) {
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> '\u000B';
            default -> c;
        };
    }

    /** Decodes the pending escaped bytes, which must spell whole UTF-8 characters, as the server checks. */
    private void flush(ByteArrayOutputStream bytes, StringBuilder value, int start) {
        if (bytes.size() == 0) {
            return;
        }
        byte[] raw = bytes.toByteArray();
        bytes.reset();
        for (byte b : raw) {
            if (b == 0) {
                throw invalidByte(start, b);
            }
        }
        ByteBuffer in = ByteBuffer.wrap(raw);
        CharBuffer out = CharBuffer.allocate(raw.length);
        CoderResult result = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(in, out, true);
        if (result.isError()) {
            throw invalidByte(start, raw[in.position()]);
        }
        value.append(out.flip());
    }

    private SqlSyntaxException invalidByte(int start, byte b) {
        return t.error(start, String.format("invalid byte sequence for encoding \"UTF8\": 0x%02x", b & 0xFF));
    }

    /**
     * Appends a code point from a Unicode escape, pairing UTF-16 surrogates as the server does. Returns the high
     * surrogate still waiting for its low half, or -1.
     */
    private int addCodePoint(StringBuilder value, long cp, int highSurrogate, int at) {
        if (cp == 0 || cp > Character.MAX_CODE_POINT) {
            throw t.error(at, "invalid Unicode escape value");
        }
        boolean high = cp >= Character.MIN_HIGH_SURROGATE && cp <= Character.MAX_HIGH_SURROGATE;
        boolean low = cp >= Character.MIN_LOW_SURROGATE && cp <= Character.MAX_LOW_SURROGATE;
        if (highSurrogate >= 0) {
            if (!low) {
                throw t.error(at, "invalid Unicode surrogate pair");
            }
            value.appendCodePoint(Character.toCodePoint((char) highSurrogate, (char) cp));
            return -1;
        }
        if (low) {
            throw t.error(at, "invalid Unicode surrogate pair");
        }
        if (high) {
            return (int) cp;
        }
        value.appendCodePoint((int) cp);
        return -1;
    }

    /**
     * A double-quoted identifier whose opening quote is at {@code quote}, {@code ""} resolved; not yet truncated,
     * because a {@code U&} identifier is truncated after its escapes are.
     */
    Literal quotedIdentifier(int start, int quote) {
        int first = t.indexOf('"', quote + 1);
        // the common case, no doubled quote inside: its text is the name
        if (first > quote + 1 && t.at(first + 1) != '"') {
            return new Literal(t.slice(quote + 1, first), first + 1);
        }
        StringBuilder value = new StringBuilder();
        int p = quote + 1;
        while (true) {
            int close = t.indexOf('"', p);
            if (close < 0) {
                throw t.unterminated(start, "quoted identifier", "");
            }
            t.appendTo(value, p, close);
            if (t.at(close + 1) != '"') {
                if (value.length() == 0) {
                    throw t.error(start, "zero-length delimited identifier");
                }
                return new Literal(value.toString(), close + 1);
            }
            value.append('"');
            p = close + 2;
        }
    }

    /**
     * Resolves the escapes of a {@code U&} literal's contents: {@code \XXXX}, {@code \+XXXXXX} and the escape
     * character doubled, with the escape character a {@code UESCAPE} clause chose.
     */
    String unicodeUnescape(String body, char escape, int start) {
        if (body.indexOf(escape) < 0) {
            return body;
        }
        StringBuilder value = new StringBuilder(body.length());
        int highSurrogate = -1;
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            boolean escaped = c == escape && i + 1 < body.length() && body.charAt(i + 1) == escape;
            if (c != escape || escaped) {
                if (highSurrogate >= 0) {
                    throw t.error(start, "invalid Unicode surrogate pair");
                }
                value.append(c);
                i += escaped ? 2 : 1;
                continue;
            }
            boolean plus = i + 1 < body.length() && body.charAt(i + 1) == '+';
            int digits = plus ? 6 : 4;
            int from = plus ? i + 2 : i + 1;
            long cp = hex(body, from, digits);
            if (cp < 0) {
                throw t.error(start, "invalid Unicode escape: Unicode escapes must be " + escape + "XXXX or "
                        + escape + "+XXXXXX");
            }
            highSurrogate = addCodePoint(value, cp, highSurrogate, start);
            i = from + digits;
        }
        if (highSurrogate >= 0) {
            throw t.error(start, "invalid Unicode surrogate pair");
        }
        return value.toString();
    }

    /** The server's rule for a UESCAPE character: one byte, and nothing an escape or the literal could mean. */
    static boolean isValidUnicodeEscape(char c) {
        return c < 0x80 && hexValue(c) < 0 && c != '+' && c != '\'' && c != '"' && !ScriptText.isSpace(c);
    }

    /** The value of exactly {@code digits} hex digits at {@code from}, or -1. */
    private static long hex(String text, int from, int digits) {
        if (from + digits > text.length()) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < from + digits; i++) {
            int h = hexValue(text.charAt(i));
            if (h < 0) {
                return -1;
            }
            v = v * 16 + h;
        }
        return v;
    }
}
