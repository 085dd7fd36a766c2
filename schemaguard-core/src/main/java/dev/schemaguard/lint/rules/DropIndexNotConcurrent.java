package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A plain DROP INDEX takes ACCESS EXCLUSIVE on the index's table, not only on the index: it waits for
 * every transaction that touched the table, and every query on the table, plain SELECTs included,
 * queues behind it. DROP INDEX names no table, so the table is known only when a migration created
 * the index; an index on a table this migration created, or drops later (its DROP TABLE takes that lock
 * anyway), is not reported, every other one is (the table is then named when known, and called the
 * index's table when not).
 */
@RuleSpec(id = "drop-index-not-concurrent", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "DROP INDEX without CONCURRENTLY takes ACCESS EXCLUSIVE on the table and can stall all its traffic.")
public final class DropIndexNotConcurrent implements Rule {

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.DropIndex drop) || drop.concurrently()) {
            return;
        }
        MigrationReplay here = MigrationReplay.at(context);
        List<String> indexes = new ArrayList<>();
        Set<String> tables = new LinkedHashSet<>();
        boolean unknownTable = false;
        for (Command.Name index : drop.indexes()) {
            Command.Name table = here.tableOfIndex(index);
            if (table != null && (here.isNewTable(table) || here.isDroppedLater(table))) {
                continue;
            }
            indexes.add(index.display());
            if (table == null) {
                unknownTable = true;
            } else {
                tables.add(table.display());
            }
        }
        if (indexes.isEmpty()) {
            return;
        }
        String on = tables.isEmpty() ? "the index's table" : String.join(" and ", tables)
                + (unknownTable ? " (and on the tables of the other indexes)" : "");
        context.report("DROP INDEX " + String.join(", ", indexes) + " without CONCURRENTLY takes "
                        + "an ACCESS EXCLUSIVE lock on " + on + ", not only on the index: it waits for every "
                        + "transaction using the table while every new query on it, plain SELECTs included, queues "
                        + "behind it, and in a transactional migration it holds the lock until the migration commits.",
                "Use DROP INDEX CONCURRENTLY IF EXISTS " + indexes.get(0) + (indexes.size() > 1
                        ? " (one index per statement)" : "") + " in a migration of its own that the runner runs "
                        + "without a transaction block. It cannot drop an index of a partitioned table or one that "
                        + "backs a constraint: drop the constraint instead, with lock_timeout set.");
    }
}
