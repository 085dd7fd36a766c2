package dev.schemaguard.sql;

import static dev.schemaguard.sql.ScriptText.isDigit;
import static dev.schemaguard.sql.ScriptText.isIdentCont;
import static dev.schemaguard.sql.ScriptText.isIdentStart;

/**
 * Where a numeric constant ends, by the server's longest-match rules: {@code 42}, {@code 1.5e10}, {@code .5},
 * {@code 1_000}, {@code 0x1F}, {@code 0o17}, {@code 0b101}. An identifier right after a number is an error
 * ({@code 123abc}: the server refuses to guess whether {@code 0x1} and {@code G} were meant), as are {@code 0x}
 * without digits and {@code 1e+} without an exponent; {@code 1..10} is {@code 1}, {@code ..}, {@code 10}.
 */
final class NumericLiteral {

    private NumericLiteral() {
    }

    /**
     * The end of the number at {@code start}, which is a digit, or a dot followed by a digit.
     *
     * @throws SqlSyntaxException for the malformed numbers the server rejects
     */
    static int end(ScriptText t, int start) {
        int valid;
        int junk = -1; // the end of a number followed by an identifier, when longer than the number
        int failEnd = -1;
        String failure = null;
        int integer = -1;
        int fraction = -1;
        if (t.at(start) == '.') {
            fraction = digits(t, start + 1);
            valid = fraction;
        } else {
            integer = digits(t, start);
            valid = integer;
            junk = junkEnd(t, integer, junk);
            int radix = radix(t, start);
            if (radix != 0) {
                int end = radixDigits(t, start + 2, radix);
                if (end > 0) {
                    valid = end;
                } else {
                    failEnd = start + 2 + (t.at(start + 2) == '_' ? 1 : 0);
                    failure = radix == 16 ? "invalid hexadecimal integer"
                            : radix == 8 ? "invalid octal integer" : "invalid binary integer";
                }
            } else if (t.at(integer) == '.') {
                if (t.at(integer + 1) == '.') {
                    return integer;
                }
                fraction = isDigit(t.at(integer + 1)) ? digits(t, integer + 1) : integer + 1;
                valid = fraction;
            }
        }
        if (fraction >= 0) {
            junk = junkEnd(t, fraction, junk);
        }
        int mantissa = fraction >= 0 ? fraction : integer;
        char e = t.at(mantissa);
        if (failEnd < 0 && (e == 'e' || e == 'E')) {
            int q = mantissa + 1;
            boolean signed = t.at(q) == '+' || t.at(q) == '-';
            if (signed) {
                q++;
            }
            if (isDigit(t.at(q))) {
                valid = digits(t, q);
                junk = junkEnd(t, valid, junk);
            } else if (signed) {
                failEnd = q;
                failure = "trailing junk after numeric literal";
            }
        }
        if (failEnd > valid && failEnd >= junk) {
            throw t.error(start, failure);
        }
        if (junk > valid) {
            throw t.error(start, "trailing junk after numeric literal");
        }
        return valid;
    }

    private static int radix(ScriptText t, int start) {
        if (t.at(start) != '0') {
            return 0;
        }
        return switch (t.at(start + 1)) {
            case 'x', 'X' -> 16;
            case 'o', 'O' -> 8;
            case 'b', 'B' -> 2;
            default -> 0;
        };
    }

    /** The end of {@code digit(_?digit)*} starting with the digit at {@code p}. */
    private static int digits(ScriptText t, int p) {
        int q = p + 1;
        while (true) {
            if (isDigit(t.at(q))) {
                q++;
            } else if (t.at(q) == '_' && isDigit(t.at(q + 1))) {
                q += 2;
            } else {
                return q;
            }
        }
    }

    /** The end of {@code (_?digit)+} in the radix from {@code p}, or -1 without a digit. */
    private static int radixDigits(ScriptText t, int p, int radix) {
        int q = p;
        while (true) {
            if (digit(t.at(q), radix)) {
                q++;
            } else if (t.at(q) == '_' && digit(t.at(q + 1), radix)) {
                q += 2;
            } else {
                return q > p ? q : -1;
            }
        }
    }

    /** Whether {@code c} is an ASCII digit of the radix (Java's own test accepts other scripts' digits). */
    private static boolean digit(char c, int radix) {
        return c < 0x80 && Character.digit(c, radix) >= 0;
    }

    /** The longer of {@code junk} and the end of an identifier starting at {@code p}, if one does. */
    private static int junkEnd(ScriptText t, int p, int junk) {
        if (!isIdentStart(t.at(p))) {
            return junk;
        }
        int q = p + 1;
        while (isIdentCont(t.at(q))) {
            q++;
        }
        return Math.max(junk, q);
    }
}
