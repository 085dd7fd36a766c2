package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.sql.Command;

/** A statement the analysis cannot type is said so, never guessed at; a psql meta-command is named. */
public final class UnrecognizedStatement implements Rule {

    @Override
    public String id() {
        return "unrecognized-statement";
    }

    @Override
    public void check(RuleContext context) {
        if (context.command() instanceof Command.Unrecognized unrecognized) {
            context.report(Severity.INFO, "SchemaGuard cannot type this statement (" + unrecognized.reason()
                            + "), so no static rule checked it.",
                    "Nothing to do if the statement is right; the rehearsal on a real PostgreSQL still runs it.");
        } else if (context.command() instanceof Command.MetaCommand meta
                && context.migration().format() == MigrationFormat.SQITCH) {
            context.report(Severity.INFO, "psql meta-command '" + meta.text() + "': sqitch runs deploy scripts with "
                            + "psql, which runs it; SchemaGuard cannot tell what it does, so no static rule checked it.",
                    "Nothing to do if the command is right.");
        } else if (context.command() instanceof Command.MetaCommand meta) {
            context.report(Severity.WARNING, "psql meta-command '" + meta.text() + "': only psql understands it; "
                            + "a migration runner sends it to the server, which rejects it.",
                    "Write it as SQL (SET, \\connect has no SQL form: use the runner's connection settings).");
        }
    }
}
