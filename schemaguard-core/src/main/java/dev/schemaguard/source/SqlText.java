package dev.schemaguard.source;

/** What readers need to know of a script's SQL before it is parsed. */
final class SqlText {

    private SqlText() {
    }

    /**
     * Whether the script holds anything but comments, blanks and semicolons. A down script of only a comment
     * ({@code -- Nothing}, diesel's generated {@code -- This file should undo anything in `up.sql`}) does nothing: the
     * migration has no down, which is not the same as a down that fails to undo it.
     */
    static boolean hasStatements(String sql) {
        int depth = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            char next = i + 1 < sql.length() ? sql.charAt(i + 1) : '\0';
            if (depth > 0) {
                if (c == '*' && next == '/') {
                    depth--;
                    i++;
                } else if (c == '/' && next == '*') {
                    depth++;
                    i++;
                }
            } else if (c == '-' && next == '-') {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end;
            } else if (c == '/' && next == '*') {
                depth++;
                i++;
            } else if (!Character.isWhitespace(c) && c != ';') {
                return true;
            }
        }
        return false;
    }
}
