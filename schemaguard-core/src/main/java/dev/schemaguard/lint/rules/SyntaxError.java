package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

/**
 * A statement whose first words are no PostgreSQL command ({@code ALTER TABL}, {@code CREAT TABLE}), SQL the server
 * cannot even lex (a string never closed), or a Python revision that does not compile: the migration fails on every
 * database, so this is an error wherever the rest of the file is right.
 */
@RuleSpec(id = "syntax-error", group = RuleGroup.META, severity = Severity.ERROR,
        summary = "A statement that is not PostgreSQL, or a Python migration that does not compile: the migration "
                + "fails everywhere.")
public final class SyntaxError implements Rule {

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.SyntaxError error)) {
            return;
        }
        if (error.python()) {
            context.report(error.reason() + ".",
                    "Correct the Python at that line; python -m py_compile " + context.migration().displayFile()
                            + " prints Python's own message.");
            return;
        }
        context.report(error.reason() + ": PostgreSQL rejects the statement with a syntax error, so "
                        + "the migration fails on every database.",
                "Correct the statement (a typo in a keyword, a quote or parenthesis left open); psql or the "
                        + "rehearsal (schemaguard rehearse) shows the server's own message.");
    }
}
