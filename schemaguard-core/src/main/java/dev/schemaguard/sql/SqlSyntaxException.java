package dev.schemaguard.sql;

import dev.schemaguard.io.InputException;

import java.nio.file.Path;

/**
 * SQL that PostgreSQL's lexer rejects: an unterminated string, comment or dollar quote, a malformed escape or number.
 * The user can fix it, so it is an {@link InputException} (exit code 2); it adds the column, because the start of an
 * unterminated literal is what the user has to find.
 */
public class SqlSyntaxException extends InputException {

    private final int column;

    /**
     * @param file    the script, or {@code null} when the SQL came from no file
     * @param line    the 1-based file line where the offending token starts
     * @param column  the 1-based column where it starts
     * @param message what is wrong, in PostgreSQL's words where it has them
     */
    public SqlSyntaxException(Path file, int line, int column, String message) {
        super(file, line, message);
        this.column = column;
    }

    /** The 1-based column where the offending token starts. */
    public int column() {
        return column;
    }

    /** What is wrong and where, for a finding that gives the file itself: "... starting at line 4, column 27". */
    public String reason() {
        String where = "line " + line() + ", column " + column;
        String message = getMessage();
        return message.endsWith(" that starts here")
                ? message.substring(0, message.length() - " that starts here".length()) + " starting at " + where
                : message + " (" + where + ")";
    }

    /** {@code file:line:column: message}, or {@code line L, column C: message} without a file. */
    @Override
    public String describe() {
        if (file() == null) {
            return "line " + line() + ", column " + column + ": " + getMessage();
        }
        return file().toString().replace('\\', '/') + ":" + line() + ":" + column + ": " + getMessage();
    }
}
