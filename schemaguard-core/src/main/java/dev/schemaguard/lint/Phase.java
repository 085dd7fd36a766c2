package dev.schemaguard.lint;

import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.WordSearch;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The steps of an expand/contract change: add what the new code needs, fill it, constrain it, and
 * remove what only the old code used. A migration doing one step can be deployed and rolled back on
 * its own; one that expands and contracts the same table cannot.
 */
public enum Phase {
    EXPAND, BACKFILL, CONSTRAIN, CONTRACT;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The phase of one statement, or {@code null} when it belongs to none (SET, BEGIN, a SELECT). */
    public static Phase of(Command command) {
        if (command instanceof Command.CreateTable || command instanceof Command.CreateIndex
                || command instanceof Command.CreateType || command instanceof Command.AlterTypeAddValue
                || command instanceof Command.CreateObject || command instanceof Command.CreateTrigger) {
            return EXPAND;
        }
        if (command instanceof Command.DoBlock block) {
            return ofCode(block.body());
        }
        if (command instanceof Command.Dml dml && (dml.kind() == Command.DmlKind.UPDATE || dml.kind() == Command.DmlKind.INSERT
                || dml.kind() == Command.DmlKind.DELETE || dml.kind() == Command.DmlKind.MERGE
                || dml.kind() == Command.DmlKind.WITH || dml.kind() == Command.DmlKind.COPY)) {
            return BACKFILL;
        }
        if (command instanceof Command.DropTable || command instanceof Command.DropIndex
                || command instanceof Command.DropTrigger
                || command instanceof Command.DropObject || command instanceof Command.Truncate) {
            return CONTRACT;
        }
        if (command instanceof Command.AlterTable alter) {
            Phase strongest = null;
            for (Command.AlterAction action : alter.actions()) {
                Phase p = of(action);
                if (p != null && (strongest == null || p.ordinal() > strongest.ordinal())) {
                    strongest = p;
                }
            }
            return strongest;
        }
        return null;
    }

    /** A code block's phase by what its body does: drops contract, constraints constrain, DML backfills. */
    private static Phase ofCode(String body) {
        String code = body.toLowerCase(Locale.ROOT);
        // each pattern starts with one of these words: it is tried only where they are
        if (WordSearch.contains(DROPS.matcher(code), code, "drop", "rename")) {
            return CONTRACT;
        }
        if ((code.contains("constraint") || code.contains("null"))
                && WordSearch.contains(CONSTRAINS.matcher(code), code, "add", "set", "validate")) {
            return CONSTRAIN;
        }
        if (WordSearch.contains(CREATES.matcher(code), code, "create", "add")) {
            return EXPAND;
        }
        return BACKFILL;
    }

    private static final Pattern DROPS = Pattern.compile("\\bdrop\\s+(table|column)\\b|\\brename\\b");
    private static final Pattern CONSTRAINS = Pattern.compile("\\badd\\s+constraint\\b|\\bset\\s+not\\s+null\\b|\\bvalidate\\s+constraint\\b");
    private static final Pattern CREATES = Pattern.compile("\\bcreate\\s+(type|table|index|sequence|function)\\b|\\badd\\s+(column|value)\\b");

    /** The phase of one ALTER TABLE subcommand; dropping a constraint only relaxes, so it has none. */
    public static Phase of(Command.AlterAction action) {
        if (action instanceof Command.AddColumn || action instanceof Command.SetDefault
                || action instanceof Command.DropNotNull) {
            return EXPAND;
        }
        if (action instanceof Command.AddConstraint || action instanceof Command.ValidateConstraint
                || action instanceof Command.SetNotNull) {
            return CONSTRAIN;
        }
        if (action instanceof Command.DropColumn || action instanceof Command.RenameColumn
                || action instanceof Command.RenameTable || action instanceof Command.AlterColumnType
                || action instanceof Command.DropDefault) {
            return CONTRACT;
        }
        return null;
    }
}
