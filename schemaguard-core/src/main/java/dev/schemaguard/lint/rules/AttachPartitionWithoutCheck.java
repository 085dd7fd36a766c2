package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

/**
 * ALTER TABLE ... ATTACH PARTITION reads every row of the table being attached to check that it fits the partition
 * bound, holding ACCESS EXCLUSIVE on that table for the whole scan, unless a validated CHECK constraint on it already
 * implies the bound. A table the migration created holds no rows yet, and one with a validated CHECK is taken to have
 * the matching one (its expression is not compared with the bound).
 */
@RuleSpec(id = "attach-partition-without-check", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "ATTACH PARTITION reads every row of the table it attaches under ACCESS EXCLUSIVE, unless a "
                + "CHECK already proves the bound.")
public final class AttachPartitionWithoutCheck implements Rule {

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.AlterTable alter)) {
            return;
        }
        // the rows read are the partition's, whether or not the partitioned table is new
        for (Command.AlterAction action : alter.actions()) {
            if (!(action instanceof Command.AttachPartition attach)) {
                continue;
            }
            Command.Name partition = attach.partition();
            if (context.isNewTable(partition) || context.current().hasValidatedCheck(partition)) {
                continue;
            }
            String parent = alter.table().display();
            context.report("ATTACH PARTITION " + partition.display() + " reads every row of "
                            + partition.display() + " to check " + (attach.isDefault() ? "that none belongs to another "
                            + "partition of " + parent : "that it fits the partition bound") + ", holding ACCESS "
                            + "EXCLUSIVE on " + partition.display() + " for the whole scan: no query can read or write it "
                            + "until the scan ends.",
                    "Before attaching, add a CHECK constraint on " + partition.display() + " that matches the bound "
                            + "(ADD CONSTRAINT ... CHECK (...) NOT VALID, then VALIDATE CONSTRAINT, which lets reads "
                            + "and writes through); PostgreSQL then skips the scan, and the CHECK can be dropped after "
                            + "the attach.");
        }
    }
}
