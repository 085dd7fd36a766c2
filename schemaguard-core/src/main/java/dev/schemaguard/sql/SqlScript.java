package dev.schemaguard.sql;

import java.nio.file.Path;
import java.util.List;

/**
 * A script split into statements.
 *
 * @param file       the script's file, or {@code null}
 * @param statements its statements and psql meta-commands, in order
 * @param comments   every comment of the script, in order, including those inside statements: suppressions and
 *                   markers may sit anywhere, and an analysis must see the ones that apply to nothing too
 */
public record SqlScript(Path file, List<Statement> statements, List<Token> comments) {

    public SqlScript {
        statements = List.copyOf(statements);
        comments = List.copyOf(comments);
    }
}
