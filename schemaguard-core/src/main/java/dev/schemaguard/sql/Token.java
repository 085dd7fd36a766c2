package dev.schemaguard.sql;

/**
 * One token of SQL text, with where it was written.
 *
 * @param kind   what the token is
 * @param text   the token exactly as written, quotes, prefixes and comment markers included
 * @param value  what the token means to PostgreSQL: a {@link TokenKind#WORD} folded to lower case, a quoted
 *               identifier or string constant decoded (quotes, escapes and continuation lines resolved), identifiers
 *               truncated to 63 bytes as the server does, a number without its {@code _} separators; for every
 *               other kind the text itself
 * @param offset the 0-based index of the token's first character in the text that was lexed
 * @param line   the line of its first character, counted from the first line the lexer was given (a file line)
 * @param column the 1-based column of its first character, in UTF-16 characters (a tab counts as one)
 */
public record Token(TokenKind kind, String text, String value, int offset, int line, int column) {

    /** The index just past the token's last character. */
    public int end() {
        return offset + text.length();
    }

    /** The line of the token's last character: dollar-quoted bodies and block comments span lines. */
    public int endLine() {
        int lines = line;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            lines++;
        }
        return lines;
    }

    /** Whether this is the unquoted word {@code word}, given in lower case ({@code "create"}). */
    public boolean isWord(String word) {
        return kind == TokenKind.WORD && value.equals(word);
    }

    /** Whether this is the punctuation {@code symbol} ({@code ";"}, {@code "("}, {@code "::"}). */
    public boolean isPunctuation(String symbol) {
        return kind == TokenKind.PUNCTUATION && text.equals(symbol);
    }
}
