package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.WordSearch;

import java.util.regex.Pattern;

/**
 * A statement the analysis cannot type is said so, never guessed at: syntax it does not parse, and SQL a DO block
 * builds at run time (PL/pgSQL's {@code EXECUTE}), which no static rule can see. A psql meta-command is named.
 */
@RuleSpec(id = "unrecognized-statement", group = RuleGroup.META, severity = Severity.INFO,
        summary = "A statement the static analysis cannot classify, so no static rule has checked it.",
        otherwise = "warning for a psql meta-command")
public final class UnrecognizedStatement implements Rule {

    /** PL/pgSQL's dynamic EXECUTE, not the EXECUTE FUNCTION of a trigger or event trigger it may create. */
    private static final Pattern DYNAMIC_SQL = Pattern.compile("(?i)\\bEXECUTE\\b(?!\\s+(?:FUNCTION|PROCEDURE)\\b)");

    @Override
    public void check(RuleContext context) {
        if (context.command() instanceof Command.DoBlock block && WordSearch.contains(DYNAMIC_SQL.matcher(block.body()), block.body(), "execute")) {
            context.report("this DO block builds SQL at run time (EXECUTE), so no static rule checked what it runs.",
                    "Write the statements out where you can, so every rule can check them; the rehearsal on a real "
                            + "PostgreSQL still runs them.");
        } else if (context.command() instanceof Command.Unrecognized unrecognized) {
            context.report("SchemaGuard cannot type this statement (" + unrecognized.reason()
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
