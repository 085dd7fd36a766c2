package dev.schemaguard.io;

import java.nio.file.Path;

/**
 * Input the user can fix: a file that cannot be read, a malformed migration, a bad setting.
 * It ends the command with one clear message and exit code 2.
 */
public class InputException extends RuntimeException {

    private final transient Path file;
    private final int line;

    public InputException(Path file, int line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    public InputException(Path file, String message) {
        this(file, 0, message);
    }

    public InputException(String message) {
        this(null, 0, message);
    }

    public InputException(Path file, int line, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** The file at fault, or {@code null} when the error is not about one file. */
    public Path file() {
        return file;
    }

    /** The 1-based line at fault, or 0 when unknown or irrelevant. */
    public int line() {
        return line;
    }

    /** {@code file:line: message}, as compilers print it. */
    public String describe() {
        if (file == null) {
            return getMessage();
        }
        String where = file.toString().replace('\\', '/');
        return (line > 0 ? where + ":" + line : where) + ": " + getMessage();
    }
}
