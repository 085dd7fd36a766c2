package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

import java.util.ArrayList;
import java.util.List;

/**
 * VACUUM FULL, CLUSTER, and ALTER TABLE ... SET TABLESPACE / SET LOGGED / SET UNLOGGED / SET ACCESS METHOD
 * copy the whole table (and rebuild its indexes) while holding ACCESS EXCLUSIVE: no reads and no writes
 * for the length of the copy, which also needs the disk space and WAL of a full copy. Plain VACUUM takes
 * no such lock. Rewrites by a column type change or a volatile default are reported by
 * {@code change-column-type} and {@code volatile-default}, not here.
 */
@RuleSpec(id = "table-rewrite", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "A statement rewrites or copies the whole table under ACCESS EXCLUSIVE: VACUUM FULL, CLUSTER and "
                + "others.")
public final class TableRewrite implements Rule {

    private static final String ONLINE = "pg_repack or pg_squeeze rebuild a table while reads and writes continue "
            + "(ACCESS EXCLUSIVE only briefly at the start and the end); run them outside the migrations. ";
    private static final String WINDOW = "If the rewrite is unavoidable, run it in a maintenance window and say so "
            + "in a suppression: -- schemaguard:ignore table-rewrite <reason>.";

    @Override
    public void check(RuleContext context) {
        Command command = context.command();
        if (command instanceof Command.Vacuum vacuum && vacuum.full()) {
            String target = vacuum.tables().isEmpty() ? "every table of the database" : existing(context, vacuum.tables());
            if (!target.isEmpty()) {
                report(context, "VACUUM FULL " + (vacuum.tables().isEmpty() ? "without a table" : target) + " rewrites "
                                + target, ONLINE + "Plain VACUUM (without FULL) blocks neither reads nor writes: it "
                                + "makes the space reusable instead of returning it to the operating system. " + WINDOW);
            }
        } else if (command instanceof Command.Cluster cluster) {
            String target = cluster.table() == null ? "every table clustered before" : existing(context, List.of(cluster.table()));
            if (!target.isEmpty()) {
                report(context, "CLUSTER " + (cluster.table() == null ? "without a table" : target) + " rewrites "
                        + target + " in index order", ONLINE + "(pg_repack --order-by re-orders rows online.) " + WINDOW);
            }
        } else if (command instanceof Command.AlterTable alter && !context.isNewTable(alter.table())) {
            List<String> forms = new ArrayList<>();
            for (Command.AlterAction action : alter.actions()) {
                if (action instanceof Command.OtherAction other && rewrites(other.words())) {
                    forms.add(form(other.words()));
                } else if (action instanceof Command.AddColumn add && add.column().storedGenerated()) {
                    forms.add("ADD COLUMN " + add.column().name() + " GENERATED ALWAYS AS (...) STORED");
                }
            }
            if (!forms.isEmpty()) {
                String table = alter.table().display();
                report(context, "ALTER TABLE " + table + " " + String.join(", ", forms) + " rewrites " + table,
                        (forms.stream().anyMatch(f -> f.startsWith("SET TABLESPACE"))
                                ? "pg_repack --tablespace moves a table online. " : "") + WINDOW);
            }
        }
    }

    private static boolean rewrites(String words) {
        return words.startsWith("SET TABLESPACE ") || words.equals("SET LOGGED") || words.equals("SET UNLOGGED")
                || words.startsWith("SET ACCESS METHOD ");
    }

    /** The subcommand as written, up to its argument. */
    private static String form(String words) {
        return words.startsWith("SET TABLESPACE ") || words.startsWith("SET ACCESS METHOD ")
                ? words.substring(0, words.lastIndexOf(' ')) : words;
    }

    /** The tables of the list that existed before the migration, for the message; empty when there are none. */
    private static String existing(RuleContext context, List<Command.Name> tables) {
        List<String> names = new ArrayList<>();
        tables.stream().filter(t -> !context.isNewTable(t)).forEach(t -> names.add(t.display()));
        return String.join(", ", names);
    }

    private static void report(RuleContext context, String what, String fix) {
        context.report(what + " into a new copy while holding ACCESS EXCLUSIVE: no query can read "
                + "or write it until the copy and every index rebuild finish, and the copy needs free disk space and "
                + "WAL for the whole table (replicas fall behind).", fix);
    }
}
