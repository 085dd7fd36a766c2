package dev.schemaguard.sql;

import java.nio.file.Path;
import java.util.List;

/**
 * One statement of a script, as a runner sends it to the server, or one psql meta-command.
 *
 * @param kind            an SQL statement or a psql meta-command
 * @param file            the script's file, or {@code null}
 * @param line            the file line of the statement's first token
 * @param column          the column of its first token
 * @param endLine         the file line of its last character (the terminating semicolon not counted)
 * @param text            the source text from the first token to the last, exactly as written (inner comments and
 *                        line breaks included), without the terminating semicolon
 * @param tokens          its tokens without comments; for a meta-command, the one {@link TokenKind#META_COMMAND}
 * @param leadingComments the comments between the end of the previous statement (its semicolon) and this one, where a
 *                        {@code -- schemaguard:ignore} suppression for it is written
 */
public record Statement(Kind kind, Path file, int line, int column, int endLine, String text, List<Token> tokens,
                        List<Token> leadingComments) {

    /** What a statement is. */
    public enum Kind {
        /** SQL for the server. */
        SQL,
        /** A psql meta-command ({@code \connect}, {@code \set}, {@code \i}, {@code \gexec}); only psql runs it. */
        META_COMMAND
    }

    public Statement {
        tokens = List.copyOf(tokens);
        leadingComments = List.copyOf(leadingComments);
    }

    /** The data rows psql sends after this {@code COPY ... FROM stdin}, or {@code null} for any other statement. */
    public String copyData() {
        if (tokens.isEmpty()) {
            return null;
        }
        Token last = tokens.get(tokens.size() - 1);
        return last.kind() == TokenKind.COPY_DATA ? last.value() : null;
    }

    /** The statement's first line, shortened: enough to recognise it in a message. */
    public String summary() {
        String first = text.strip().lines().findFirst().orElse("").strip();
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }
}
