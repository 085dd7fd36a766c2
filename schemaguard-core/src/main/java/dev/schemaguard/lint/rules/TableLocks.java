package dev.schemaguard.lint.rules;

import dev.schemaguard.sql.Command;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which table lock an ALTER TABLE takes, as PostgreSQL's documentation lists them and {@code pg_locks}
 * shows them (checked on PostgreSQL 15): most subcommands take ACCESS EXCLUSIVE; adding a foreign key
 * and enabling or disabling a trigger take SHARE ROW EXCLUSIVE; statistics, storage parameters,
 * CLUSTER ON, VALIDATE CONSTRAINT, ATTACH PARTITION and DETACH PARTITION CONCURRENTLY take SHARE UPDATE
 * EXCLUSIVE, which lets reads and writes through. Not a rule: the lock rules share it.
 */
final class TableLocks {

    /** PostgreSQL's table lock modes, weakest first. */
    enum Mode {
        ACCESS_SHARE, ROW_SHARE, ROW_EXCLUSIVE, SHARE_UPDATE_EXCLUSIVE, SHARE, SHARE_ROW_EXCLUSIVE, EXCLUSIVE,
        ACCESS_EXCLUSIVE;

        /** The mode as PostgreSQL spells it ("SHARE ROW EXCLUSIVE"). */
        String label() {
            return name().replace('_', ' ');
        }

        /** Whether a request for this lock, even while it waits, makes INSERT, UPDATE and DELETE queue behind it. */
        boolean blocksWrites() {
            return compareTo(SHARE) >= 0;
        }

        /** Whether it also makes plain SELECTs queue. */
        boolean blocksReads() {
            return this == ACCESS_EXCLUSIVE;
        }

        /** What queues behind a waiting request for the lock, in words: "every new query on", "every new write to". */
        String blocked() {
            return blocksReads() ? "every new query on" : "every new write to";
        }

        /** The mode of {@code LOCK ... IN <mode> MODE}, as the parser spells it; ACCESS EXCLUSIVE when unknown. */
        static Mode of(String words) {
            try {
                return valueOf(words.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
            } catch (IllegalArgumentException e) {
                return ACCESS_EXCLUSIVE;
            }
        }
    }

    private static final Pattern COLUMN_OPTIONS =
            Pattern.compile("^ALTER COLUMN .+ (SET STATISTICS\\b|SET\\(|RESET\\().*", Pattern.DOTALL);
    private static final Pattern TABLE_OPTIONS = Pattern.compile("^(SET|RESET)\\(.*", Pattern.DOTALL);
    private static final Pattern TRIGGER = Pattern.compile("^(ENABLE|DISABLE)( ALWAYS| REPLICA)? TRIGGER\\b.*",
            Pattern.DOTALL);
    private static final Pattern LIGHT = Pattern.compile(
            "^(CLUSTER ON\\b|SET WITHOUT CLUSTER\\b|DETACH PARTITION\\b.*\\b(CONCURRENTLY|FINALIZE)$).*",
            Pattern.DOTALL);

    private TableLocks() {
    }

    /** The lock one ALTER TABLE subcommand takes on the altered table. */
    static Mode of(Command.AlterAction action) {
        if (action instanceof Command.ValidateConstraint || action instanceof Command.AttachPartition) {
            return Mode.SHARE_UPDATE_EXCLUSIVE;
        }
        if (action instanceof Command.AddConstraint add
                && add.constraint().kind() == Command.ConstraintKind.FOREIGN_KEY) {
            return Mode.SHARE_ROW_EXCLUSIVE;
        }
        if (action instanceof Command.OtherAction other) {
            String words = other.words();
            if (TABLE_OPTIONS.matcher(words).matches()) {
                // Every table storage parameter but user_catalog_table is changed under SHARE UPDATE EXCLUSIVE.
                return words.contains("USER_CATALOG_TABLE") ? Mode.ACCESS_EXCLUSIVE : Mode.SHARE_UPDATE_EXCLUSIVE;
            }
            if (COLUMN_OPTIONS.matcher(words).matches() || LIGHT.matcher(words).matches()) {
                return Mode.SHARE_UPDATE_EXCLUSIVE;
            }
            if (TRIGGER.matcher(words).matches()) {
                return Mode.SHARE_ROW_EXCLUSIVE;
            }
        }
        return Mode.ACCESS_EXCLUSIVE;
    }

    /** The strongest lock the statement's subcommands take on the altered table. */
    static Mode of(Command.AlterTable alter) {
        Mode strongest = Mode.ACCESS_SHARE;
        for (Command.AlterAction action : alter.actions()) {
            Mode mode = of(action);
            if (mode.compareTo(strongest) > 0) {
                strongest = mode;
            }
        }
        return strongest;
    }
}
