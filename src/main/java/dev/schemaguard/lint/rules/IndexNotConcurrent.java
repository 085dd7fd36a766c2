package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.source.MigrationFormat;
import dev.schemaguard.sql.Command;

/**
 * CREATE INDEX takes a SHARE lock, blocking every write to the table for as long as the build takes;
 * REINDEX and REFRESH MATERIALIZED VIEW without CONCURRENTLY block similarly. {@code CREATE INDEX ... ON ONLY} a
 * partitioned table builds nothing (the partitions' indexes are built and attached one by one, concurrently if
 * wanted), so it is not reported.
 */
@RuleSpec(id = "index-not-concurrent", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "CREATE INDEX, REINDEX or REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks writes (or reads) "
                + "for the whole build.")
public final class IndexNotConcurrent implements Rule {

    @Override
    public void check(RuleContext context) {
        Command command = context.command();
        // ON ONLY a partitioned table records an invalid index of the parent alone: nothing is built
        if (command instanceof Command.CreateIndex index && !index.concurrently() && !index.only()
                && !context.isNewTable(index.table())) {
            context.report("CREATE INDEX " + (index.name() == null ? "" : index.name() + " ")
                            + "on " + index.table().display() + " takes a SHARE lock: every INSERT, UPDATE and "
                            + "DELETE on the table waits until the index is built.",
                    (context.migration().format() == MigrationFormat.ALEMBIC
                            ? "Use op.create_index(..., postgresql_concurrently=True) inside "
                            + "'with op.get_context().autocommit_block():'"
                            : context.migration().format() == MigrationFormat.DJANGO
                            ? "Use AddIndexConcurrently (django.contrib.postgres.operations) in a migration with "
                            + "atomic = False (for a foreign key: db_index=False on the field, then the index "
                            + "concurrently)"
                            : "Use CREATE INDEX CONCURRENTLY (outside a transaction block: in a migration of its own)")
                            + ", and check for an INVALID index if it fails.");
        } else if (command instanceof Command.Reindex reindex && !reindex.concurrently()) {
            context.report("REINDEX " + reindex.target() + " without CONCURRENTLY locks out "
                    + "writes (and reads using the index) while it rebuilds.", "Use REINDEX ... CONCURRENTLY (PostgreSQL 12+).");
        } else if (command instanceof Command.RefreshMaterializedView refresh && !refresh.concurrently()
                && !context.isNewTable(refresh.view())) {
            context.report("REFRESH MATERIALIZED VIEW " + refresh.view().display()
                            + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock: reads of the view wait.",
                    "Use REFRESH MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on the view).");
        }
    }
}
