package dev.schemaguard.rehearsal.rules;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.rehearsal.Execution;
import dev.schemaguard.rehearsal.RehearsalContext;
import dev.schemaguard.rehearsal.RehearsalRule;
import dev.schemaguard.rehearsal.RehearsalTrace;
import dev.schemaguard.source.Migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An up the server refused, on a database the migrations before it built: it fails the same way in production. When
 * the server says an object exists already, the migration that created it is named.
 */
@RuleSpec(id = "migration-failed", group = RuleGroup.REHEARSAL, severity = Severity.ERROR,
        summary = "A migration raised an error when the rehearsal applied it to a real PostgreSQL.")
public final class MigrationFailed implements RehearsalRule {

    /** duplicate_object, duplicate_table, duplicate_column: the server says what exists already. */
    private static final Set<String> ALREADY_EXISTS = Set.of("42710", "42P07", "42701");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"");

    @Override
    public void checkRehearsal(RehearsalContext context) {
        for (RehearsalTrace.Failure failed : context.trace().failures()) {
            Migration m = failed.migration();
            Execution.Failure f = failed.failure();
            List<Evidence> evidence = new ArrayList<>();
            String message = "migration " + m.id() + " fails on a database built by the migrations before it: "
                    + f.describe();
            String fix = "Fix the statement so that it runs after every earlier migration; replay the chain from an "
                    + "empty database (schemaguard rehearse) rather than building the schema from models.";
            Matcher quoted = QUOTED.matcher(f.message());
            if (ALREADY_EXISTS.contains(f.sqlState()) && quoted.find() && failed.creators().containsKey(quoted.group(1))) {
                String object = quoted.group(1);
                Migration creator = context.graph().migration(failed.creators().get(object));
                message += "; " + object + " was created by migration " + creator.id() + " (" + creator.displayFile() + ")";
                evidence.add(Evidence.at(creator.displayFile(), context.statements().lineMentioning(creator, object),
                        "creates " + object));
                fix = "Do not create " + object + " again: migration " + creator.id() + " already did. Remove the "
                        + "creation, or guard it (IF NOT EXISTS; for a type, a DO block catching duplicate_object; in "
                        + "Alembic, create_type=False on the enum).";
            }
            List<String> after = failed.unreached();
            if (!after.isEmpty()) {
                message += "; " + after.size() + " later migration" + (after.size() == 1 ? "" : "s")
                        + " could not be rehearsed: " + ids(after);
            }
            context.report(m, f.file(), f.line(), message, fix, evidence);
        }
    }

    /** The first ten ids and how many more. */
    private static String ids(List<String> ids) {
        int shown = Math.min(ids.size(), 10);
        String text = String.join(", ", ids.subList(0, shown));
        return ids.size() > shown ? text + " and " + (ids.size() - shown) + " more" : text;
    }
}
