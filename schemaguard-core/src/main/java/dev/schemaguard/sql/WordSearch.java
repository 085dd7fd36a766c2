package dev.schemaguard.sql;

import java.util.regex.Matcher;

/**
 * Finds a pattern in a code body by trying it only where one of the words it must start with occurs. A pattern
 * that starts with {@code \b} cannot be searched for by its first characters, so the regular expression engine
 * tries it at every character, checking the word boundary there, and the bodies of DO blocks and functions are
 * long: looking for the words first finds the same matches at a fraction of the cost.
 */
public final class WordSearch {

    private WordSearch() {
    }

    /**
     * The first match of {@code matcher}'s pattern in {@code text} that starts at or after {@code from}: the match
     * {@code matcher.find(from)} finds, provided every match of the pattern starts with one of {@code starts}, given
     * in lower case, whose ASCII letters match in either case (what {@code (?i)} without {@code UNICODE_CASE} does).
     * The matcher is left on the match ({@code start}, {@code end} and {@code group} answer for it).
     *
     * @return whether there is such a match
     */
    public static boolean find(Matcher matcher, String text, int from, String... starts) {
        // transparent bounds: a \b at the start sees the character before the region, as in a search of the whole text
        matcher.useTransparentBounds(true).useAnchoringBounds(false);
        int[] next = new int[starts.length];
        for (int k = 0; k < starts.length; k++) {
            next[k] = indexOf(text, starts[k], from);
        }
        while (true) {
            int at = -1;
            for (int position : next) {
                if (position >= 0 && (at < 0 || position < at)) {
                    at = position;
                }
            }
            if (at < 0) {
                return false;
            }
            if (matcher.region(at, text.length()).lookingAt()) {
                return true;
            }
            for (int k = 0; k < starts.length; k++) {
                if (next[k] == at) {
                    next[k] = indexOf(text, starts[k], at + 1);
                }
            }
        }
    }

    /** Whether {@code matcher}'s pattern matches somewhere in {@code text}; see {@link #find}. */
    public static boolean contains(Matcher matcher, String text, String... starts) {
        return find(matcher, text, 0, starts);
    }

    /** Where {@code word} (lower case) first occurs at or after {@code from}, its ASCII letters in either case; or -1. */
    static int indexOf(String text, String word, int from) {
        char first = word.charAt(0);
        char firstUpper = upper(first);
        // the first letter in either case found by String.indexOf, which reads the string's bytes directly
        int lower = text.indexOf(first, from);
        int upper = first == firstUpper ? -1 : text.indexOf(firstUpper, from);
        while (lower >= 0 || upper >= 0) {
            int at = upper < 0 || lower >= 0 && lower < upper ? lower : upper;
            if (matchesAt(text, at, word)) {
                return at;
            }
            if (at == lower) {
                lower = text.indexOf(first, at + 1);
            } else {
                upper = text.indexOf(firstUpper, at + 1);
            }
        }
        return -1;
    }

    private static boolean matchesAt(String text, int at, String word) {
        if (at + word.length() > text.length()) {
            return false;
        }
        for (int j = 1; j < word.length(); j++) {
            char c = text.charAt(at + j);
            char w = word.charAt(j);
            if (c != w && c != upper(w)) {
                return false;
            }
        }
        return true;
    }

    private static char upper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - ('a' - 'A')) : c;
    }
}
