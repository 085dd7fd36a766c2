package dev.schemaguard.sql;

import java.util.Locale;

/** How the server turns a written identifier into the name it stores. */
final class Identifiers {

    /** NAMEDATALEN - 1: the server truncates longer identifiers to this many bytes (with a notice). */
    static final int MAX_BYTES = 63;

    private Identifiers() {
    }

    /** An unquoted identifier: ASCII letters lower-cased (only those, in a UTF-8 database), then truncated. */
    static String fold(String word) {
        boolean ascii = true;
        boolean upper = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            ascii &= c < 0x80;
            upper |= c >= 'A' && c <= 'Z';
        }
        if (!upper) {
            return truncate(word);
        }
        if (ascii) {
            return truncate(word.toLowerCase(Locale.ROOT)); // the same as below for ASCII, without a char[] copy
        }
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = word.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return truncate(new String(chars));
            }
        }
        return truncate(word);
    }

    /** The name cut to 63 UTF-8 bytes without splitting a character. */
    static String truncate(String name) {
        if (name.length() <= MAX_BYTES / 3) {
            return name; // no UTF-16 char takes more than 3 UTF-8 bytes
        }
        int bytes = 0;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes > MAX_BYTES) {
                return name.substring(0, i);
            }
            i += Character.charCount(cp);
        }
        return name;
    }
}
