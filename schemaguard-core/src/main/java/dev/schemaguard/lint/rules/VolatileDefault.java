package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.sql.Command;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Since PostgreSQL 11, ADD COLUMN with a constant or stable DEFAULT ({@code now()}, {@code CURRENT_TIMESTAMP})
 * only records the value in the catalog. A volatile default ({@code random()}, {@code clock_timestamp()},
 * {@code gen_random_uuid()}, {@code nextval()}, and so a serial or identity column) must be computed for
 * every existing row: PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock. SET DEFAULT never
 * rewrites and is not reported. A function the history defines is as volatile as its definition says (VOLATILE
 * unless it says IMMUTABLE or STABLE); one whose volatility is not known is not guessed at.
 */
@RuleSpec(id = "volatile-default", group = RuleGroup.LOCKS, severity = Severity.WARNING,
        summary = "ADD COLUMN with a volatile default rewrites every row of the table under ACCESS EXCLUSIVE.")
public final class VolatileDefault implements Rule {

    /** Built-in and common extension functions that are VOLATILE. */
    private static final Set<String> VOLATILE = Set.of("random", "random_normal", "setseed", "clock_timestamp",
            "timeofday", "gen_random_uuid", "uuidv4", "uuidv7", "uuid_generate_v1", "uuid_generate_v1mc",
            "uuid_generate_v4", "uuid_generate_v7", "nextval", "currval", "lastval", "gen_random_bytes", "gen_salt");
    /** Each serial type and the integer type it stands for. */
    private static final Map<String, String> SERIAL = Map.of("serial", "integer", "serial4", "integer",
            "bigserial", "bigint", "serial8", "bigint", "smallserial", "smallint", "serial2", "smallint");
    private static final Pattern CALL = Pattern.compile("([a-z_][a-z0-9_$]*)\\s*\\(");
    private static final Pattern STRING = Pattern.compile("(?s)[eEnNbBxX]?'(?:[^'\\\\]|''|\\\\.)*'|\\$([a-zA-Z_]*)\\$.*?\\$\\1\\$");

    @Override
    public void check(RuleContext context) {
        if (!(context.command() instanceof Command.AlterTable alter) || context.isNewTable(alter.table())) {
            return;
        }
        for (Command.AlterAction action : alter.actions()) {
            if (action instanceof Command.AddColumn add) {
                Volatile found = volatileDefault(add.column(), context.current());
                if (found != null) {
                    String table = alter.table().display();
                    String column = add.column().name();
                    context.report("adds column " + table + "." + column + " with " + found.cause()
                                    + ": the value must be computed for every existing row, so PostgreSQL rewrites the "
                                    + "whole table and its indexes under an ACCESS EXCLUSIVE lock, blocking every read "
                                    + "and write of " + table + " until it finishes.",
                            "Add the column " + (found.plainColumn().isEmpty() ? "" : found.plainColumn() + " ")
                                    + "without the default (a catalog-only change), "
                                    + "then ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DEFAULT "
                                    + found.defaultForNewRows() + " for new rows (it never rewrites), and backfill the "
                                    + "existing rows in batches.");
                }
            }
        }
    }

    /**
     * A volatile default: what makes it volatile, in words; the column as it can be added without it; the default
     * to set for new rows afterwards.
     */
    private record Volatile(String cause, String plainColumn, String defaultForNewRows) {
    }

    /** What makes the column's default volatile, or {@code null} when it is not known to be. */
    private static Volatile volatileDefault(Command.ColumnDef column, SchemaState schema) {
        String type = column.type().strip().toLowerCase(Locale.ROOT);
        String sequence = "nextval('<a sequence>')";
        if (SERIAL.containsKey(type)) {
            return new Volatile("type " + type + ", whose default is nextval() of a new sequence",
                    "as " + SERIAL.get(type), sequence);
        }
        if (column.identity()) {
            return new Volatile("GENERATED AS IDENTITY, whose default is the next value of a new sequence",
                    "as a plain " + column.type(), sequence);
        }
        if (column.defaultExpression() == null) {
            return null;
        }
        Matcher call = CALL.matcher(STRING.matcher(column.defaultExpression()).replaceAll("''"));
        while (call.find()) {
            String function = call.group(1).toLowerCase(Locale.ROOT);
            if (VOLATILE.contains(function)) {
                return new Volatile("DEFAULT " + column.defaultExpression() + ", and " + function + "() is volatile",
                        "", column.defaultExpression());
            }
            String definedBy = schema.volatileFunctionCreatedBy(function);
            if (definedBy != null) {
                return new Volatile("DEFAULT " + column.defaultExpression() + ", and " + function + "() is volatile "
                        + "as migration " + definedBy + " defines it (VOLATILE is the default of a function that says neither "
                        + "IMMUTABLE nor STABLE)", "",
                        column.defaultExpression());
            }
        }
        return null;
    }
}
