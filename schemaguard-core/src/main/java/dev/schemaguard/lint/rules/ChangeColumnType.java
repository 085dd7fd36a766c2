package dev.schemaguard.lint.rules;

import dev.schemaguard.finding.RuleGroup;
import dev.schemaguard.finding.RuleSpec;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.lint.Rule;
import dev.schemaguard.lint.RuleContext;
import dev.schemaguard.sql.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changing a column's type makes PostgreSQL rewrite the whole table and rebuild its indexes under an
 * ACCESS EXCLUSIVE lock, so every read and write waits for the rewrite; services that still expect the old
 * type may break too. The changes PostgreSQL makes in the catalog alone are not reported: a longer or
 * unlimited varchar, varchar to text and text to unlimited varchar, a larger numeric precision at the same
 * scale, a longer or unlimited varbit. When the column's current type is not known, the finding says so
 * instead of guessing.
 */
@RuleSpec(id = "change-column-type", group = RuleGroup.BREAKING, severity = Severity.WARNING,
        summary = "ALTER COLUMN ... TYPE rewrites the table and every index under ACCESS EXCLUSIVE, and can break "
                + "readers.")
public final class ChangeColumnType implements Rule {

    @Override
    public void check(RuleContext context) {
        Command.Name table = context.alteredTable();
        for (Command.AlterColumnType change : context.actionsOnExistingTable(Command.AlterColumnType.class)) {
            // The schema the migrations built knows best; an Alembic existing_type fills in for a baseline table.
            String previous = context.current().columnType(table, change.column());
            check(context, table, change, declared(previous != null ? previous : change.declaredPrevious()));
        }
    }

    /** Each serial type and the integer type of the column it makes: serial is no type a column has. */
    private static final Map<String, String> SERIAL = Map.of("serial", "integer", "serial4", "integer",
            "bigserial", "bigint", "serial8", "bigint", "smallserial", "smallint", "serial2", "smallint");

    /** The column's type as PostgreSQL has it, from the type its definition wrote. */
    private static String declared(String written) {
        return written == null ? null : SERIAL.getOrDefault(written.strip().toLowerCase(Locale.ROOT), written);
    }

    private static void check(RuleContext context, Command.Name table, Command.AlterColumnType change, String previous) {
        String column = table.display() + "." + change.column();
        SqlType from = SqlType.parse(previous);
        SqlType to = SqlType.parse(change.type());
        boolean plainCast = !change.using() || isPlainCast(change.usingExpression(), change.column(), to);
        String rewrite = "PostgreSQL rewrites the whole table and rebuilds its indexes under an ACCESS EXCLUSIVE lock, "
                + "blocking every read and write of " + table.display() + " until it finishes";
        String expandContract = "add a new column of type " + change.type() + ", backfill it "
                + "in batches, write both columns (or sync them with a trigger), move every reader to the new column, "
                + "then drop the old one in a later migration.";
        if (from == null || !from.builtIn()) {
            if (from != null && from.equals(to) && plainCast) {
                return;
            }
            String hint = to == null ? null : to.sourcesWithoutRewrite();
            context.report("changes the type of " + column + " to " + change.type()
                            + (change.using() ? " USING " + change.usingExpression() : "")
                            + ", and SchemaGuard does not know its current type ("
                            + (previous == null ? "no migration seen gave it" : "'" + previous + "' is not a built-in "
                            + "type it knows") + "): "
                            + (!plainCast ? "the USING expression is computed for every row, so " + rewrite + "."
                            : hint == null ? "unless the type is unchanged, " + rewrite + "."
                            : "if it is " + hint + ", PostgreSQL only updates the catalog; from any other type "
                            + rewrite + "."),
                    "Check the column's current type. If the change is not one PostgreSQL makes without a rewrite "
                            + "(a longer varchar, varchar to text, a larger numeric precision), expand and contract: "
                            + expandContract);
            return;
        }
        if (plainCast && (from.equals(to) || to != null && to.isBinaryCompatibleFrom(from))) {
            return;
        }
        if (plainCast && to != null && (to.isRelabelledFrom(from) || isTimeZoneShift(from, to) && utcSession(context))) {
            // no row is rewritten, but the indexes on the column are built again for the new type
            List<String> indexes = context.current().indexesOn(table, change.column());
            if (!indexes.isEmpty()) {
                context.report("changes the type of " + column + " from " + previous + " to "
                                + change.type() + ": no row is rewritten" + (isTimeZoneShift(from, to)
                                ? " (the session TimeZone is UTC)" : "") + ", but PostgreSQL rebuilds "
                                + String.join(", ", indexes) + " for the new type under an ACCESS EXCLUSIVE lock, "
                                + "blocking every read and write of " + table.display() + " until the build ends.",
                        "Build the new index first (CREATE INDEX CONCURRENTLY ... ((" + change.column() + "::"
                                + change.type() + "))), or run the change when the table is quiet, with lock_timeout set.");
            }
            return;
        }
        String notBuiltIn = to == null || !to.builtIn() ? " (" + change.type() + " is not a built-in type: unless it is "
                + "a domain over " + previous + " or binary-coercible from it, the change is a rewrite)" : "";
        String timeZone = to != null && isTimeZoneShift(from, to)
                ? " (PostgreSQL 12+ skips the rewrite only when the session TimeZone is UTC: SET timezone = 'UTC' "
                + "before the change)" : "";
        context.report("changes the type of " + column + " from " + previous + " to " + change.type()
                        + (change.using() && !plainCast ? " USING " + change.usingExpression() : "") + notBuiltIn
                        + ": " + rewrite + timeZone + ", and services that still expect " + previous + " may break.",
                "Expand and contract: " + expandContract);
    }

    /** Between timestamp and timestamptz: the same bits, read in the session's TimeZone. */
    private static boolean isTimeZoneShift(SqlType from, SqlType to) {
        return from.arrayDimensions() == 0 && to.arrayDimensions() == 0
                && (from.base().equals("timestamp") && to.base().equals("timestamptz")
                || from.base().equals("timestamptz") && to.base().equals("timestamp"));
    }

    /** Time zones that are UTC at every instant, as PostgreSQL's pg_get_timezone_offset() tells them. */
    private static final Pattern UTC = Pattern.compile(
            "(?i)(etc/)?(utc|uct|gmt|gmt0|gmt[+-]0|universal|zulu|greenwich)|[+-]?0+(:00)?|[+-]?00:00");

    /**
     * Whether an earlier statement of the migration set the session TimeZone to UTC (PostgreSQL 12+ then changes
     * timestamp to timestamptz and back without a rewrite).
     */
    private static boolean utcSession(RuleContext context) {
        boolean utc = false;
        for (int i = 0; i < context.index(); i++) {
            if (context.steps().get(i).command() instanceof Command.SetVariable set && set.name().equals("timezone")) {
                utc = UTC.matcher(set.value().strip().replaceAll("^'|'$", "")).matches();
            }
        }
        return utc;
    }

    private static final Pattern CAST = Pattern.compile(
            "(?is)\\(?\\s*(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)\\s*\\)?\\s*(?:::\\s*(.+))?");
    private static final Pattern CAST_FUNCTION = Pattern.compile(
            "(?is)cast\\s*\\(\\s*(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)\\s+as\\s+(.+)\\)");

    /**
     * Whether a USING expression is the column itself or the column cast to the new type, as Django writes every
     * type change: PostgreSQL then treats the change as if there were no USING.
     */
    private static boolean isPlainCast(String using, String column, SqlType to) {
        if (using == null) {
            return false;
        }
        Matcher m = CAST.matcher(using.strip());
        if (!m.matches()) {
            m = CAST_FUNCTION.matcher(using.strip());
            if (!m.matches()) {
                return false;
            }
        }
        String name = m.group(1).startsWith("\"") ? m.group(1).substring(1, m.group(1).length() - 1).replace("\"\"", "\"")
                : m.group(1);
        return name.equals(column) && (m.group(2) == null || to != null && to.equals(SqlType.parse(m.group(2))));
    }

    /**
     * A type as PostgreSQL resolves it: its canonical base name ({@code varchar} for {@code character varying}),
     * its modifiers (length, precision and scale) and its array dimensions.
     */
    record SqlType(String base, List<Integer> modifiers, int arrayDimensions) {

        private static final Map<String, String> ALIASES = Map.ofEntries(
                Map.entry("character varying", "varchar"), Map.entry("char varying", "varchar"),
                Map.entry("character", "bpchar"), Map.entry("char", "bpchar"),
                Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("smallint", "int2"),
                Map.entry("bigint", "int8"), Map.entry("decimal", "numeric"), Map.entry("real", "float4"),
                Map.entry("double precision", "float8"), Map.entry("boolean", "bool"),
                Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamp with time zone", "timestamptz"),
                Map.entry("time without time zone", "time"), Map.entry("time with time zone", "timetz"),
                Map.entry("bit varying", "varbit"), Map.entry("serial", "int4"), Map.entry("serial4", "int4"),
                Map.entry("bigserial", "int8"), Map.entry("serial8", "int8"), Map.entry("smallserial", "int2"),
                Map.entry("serial2", "int2"));
        private static final Set<String> BUILT_IN = Set.of("varchar", "bpchar", "text", "int2", "int4", "int8",
                "numeric", "float4", "float8", "bool", "timestamp", "timestamptz", "time", "timetz", "date", "interval",
                "varbit", "bit", "bytea", "uuid", "json", "jsonb", "inet", "cidr", "macaddr", "macaddr8", "money",
                "xml", "oid", "tsvector", "tsquery", "point", "line", "box", "path", "polygon", "circle", "int4range",
                "int8range", "numrange", "tsrange", "tstzrange", "daterange",
                // the citext extension's type: its casts to and from text and varchar are binary
                "citext");
        private static final Pattern ARRAY = Pattern.compile("\\[\\s*\\d*\\s*]|\\barray\\b(\\s*\\[\\s*\\d*\\s*])?");
        private static final Pattern MODIFIERS = Pattern.compile("\\(([^()]*)\\)");

        /** The type written as {@code text}, or {@code null} when there is none or it is not a plain type name. */
        static SqlType parse(String text) {
            if (text == null || text.isBlank() || text.contains("\"")) {
                return null;
            }
            String t = text.strip().toLowerCase(Locale.ROOT).replaceFirst("^pg_catalog\\s*\\.\\s*", "");
            int dimensions = 0;
            Matcher array = ARRAY.matcher(t);
            while (array.find()) {
                dimensions++;
            }
            t = ARRAY.matcher(t).replaceAll(" ");
            List<Integer> modifiers = new ArrayList<>();
            Matcher m = MODIFIERS.matcher(t);
            if (m.find()) {
                for (String part : m.group(1).split(",")) {
                    if (!part.strip().matches("\\d+")) {
                        return null;
                    }
                    modifiers.add(Integer.parseInt(part.strip()));
                }
                t = t.substring(0, m.start()) + " " + t.substring(m.end());
                if (MODIFIERS.matcher(t).find()) {
                    return null;
                }
            }
            String base = t.strip().replaceAll("\\s+", " ");
            if (!base.matches("[a-z_][a-z0-9_$]*(\\s*\\.\\s*[a-z_][a-z0-9_$]*)?( [a-z]+)*")) {
                return null;
            }
            if (base.startsWith("interval")) {
                base = "interval";
            } else if (base.equals("float")) {
                base = modifiers.isEmpty() || modifiers.get(0) > 24 ? "float8" : "float4";
                modifiers = List.of();
            }
            base = ALIASES.getOrDefault(base, base);
            if (base.equals("numeric") && modifiers.size() == 1) {
                modifiers.add(0);
            } else if ((base.equals("bpchar") || base.equals("bit")) && modifiers.isEmpty()) {
                modifiers.add(1);
            }
            return new SqlType(base, List.copyOf(modifiers), dimensions);
        }

        boolean builtIn() {
            return BUILT_IN.contains(base);
        }

        /** Whether PostgreSQL changes a column from {@code from} to this type in the catalog only. */
        boolean isBinaryCompatibleFrom(SqlType from) {
            if (arrayDimensions != 0 || from.arrayDimensions != 0) {
                return false;
            }
            return switch (from.base) {
                case "varchar" -> base.equals("text") || base.equals("varchar") && notShorter(from);
                case "text" -> base.equals("varchar") && modifiers.isEmpty();
                case "varbit" -> base.equals("varbit") && notShorter(from);
                case "numeric" -> base.equals("numeric") && (modifiers.isEmpty() || !from.modifiers.isEmpty()
                        && modifiers.get(0) >= from.modifiers.get(0) && modifiers.get(1).equals(from.modifiers.get(1)));
                default -> false;
            };
        }

        /**
         * Whether PostgreSQL changes a column from {@code from} to this type without rewriting a row, but with a new
         * operator class for its indexes: citext to text or unlimited varchar and back (the extension's casts are
         * binary).
         */
        boolean isRelabelledFrom(SqlType from) {
            if (arrayDimensions != 0 || from.arrayDimensions != 0) {
                return false;
            }
            return from.base.equals("citext") && (base.equals("text") || base.equals("varchar") && modifiers.isEmpty())
                    || base.equals("citext") && (from.base.equals("text") || from.base.equals("varchar"));
        }

        /** Unlimited, or at least as long as {@code from} (which has a limit). */
        private boolean notShorter(SqlType from) {
            return modifiers.isEmpty() || !from.modifiers.isEmpty() && modifiers.get(0) >= from.modifiers.get(0);
        }

        /** In words, the current types from which a change to this one needs no rewrite; {@code null} for none. */
        String sourcesWithoutRewrite() {
            if (arrayDimensions != 0) {
                return null;
            }
            return switch (base) {
                case "varchar" -> modifiers.isEmpty() ? "varchar of any length or text"
                        : "varchar(n) with n ≤ " + modifiers.get(0);
                case "text" -> "varchar of any length";
                case "varbit" -> modifiers.isEmpty() ? "varbit of any length" : "varbit(n) with n ≤ " + modifiers.get(0);
                case "numeric" -> modifiers.isEmpty() ? "numeric of any precision"
                        : "numeric(p, " + modifiers.get(1) + ") with p ≤ " + modifiers.get(0);
                default -> null;
            };
        }
    }
}
