package dev.schemaguard.rehearsal;

import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.lint.MigrationStatements;
import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.postgres.Foresight;
import dev.schemaguard.sql.Command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the history asks of existing rows from each migration on, read ahead in its statements: the column type
 * changes (to a built-in type, or to an enum the history creates), and the CHECK constraints and foreign keys added
 * to existing tables. Rows the rehearsal generates before a migration meet
 * them, so that a cast to {@code jsonb} or a {@code CHECK (status IN (...))} fails only on data real rows could hold,
 * never on the rehearsal's own.
 */
final class LaterDemands {

    /** Types whose text form the rehearsal can write, by the names migrations spell them with. */
    private static final Map<String, String> BUILTINS = Map.ofEntries(
            Map.entry("json", "json"), Map.entry("jsonb", "jsonb"), Map.entry("uuid", "uuid"),
            Map.entry("int", "int4"), Map.entry("integer", "int4"), Map.entry("int4", "int4"),
            Map.entry("smallint", "int2"), Map.entry("int2", "int2"), Map.entry("bigint", "int8"),
            Map.entry("int8", "int8"), Map.entry("numeric", "numeric"), Map.entry("decimal", "numeric"),
            Map.entry("real", "float4"), Map.entry("float4", "float4"), Map.entry("double precision", "float8"),
            Map.entry("float8", "float8"), Map.entry("boolean", "bool"), Map.entry("bool", "bool"),
            Map.entry("date", "date"), Map.entry("timestamp", "timestamp"),
            Map.entry("timestamp without time zone", "timestamp"), Map.entry("timestamptz", "timestamptz"),
            Map.entry("timestamp with time zone", "timestamptz"), Map.entry("inet", "inet"),
            Map.entry("cidr", "cidr"), Map.entry("interval", "interval"));

    private static final String TYPE = "(double precision|timestamp with(?:out)? time zone|[a-z_][a-z0-9_.]*)";
    private static final Pattern DOUBLE_COLON = Pattern.compile(
            "(?i)(?<![\\w$.\"'])(?:[a-z_][a-z0-9_]*\\.)?([a-z_][a-z0-9_]*)\\s*::\\s*" + TYPE);
    private static final Pattern CAST = Pattern.compile(
            "(?i)\\bcast\\s*\\(\\s*([a-z_][a-z0-9_]*)\\s+as\\s+" + TYPE);

    /** One demand, made by the migration at {@code position} in apply order: a cast, a CHECK or a foreign key. */
    private record Demand(int position, String table, String column, String castTo, String check,
                          Foresight.Reference reference) {
        Demand(int position, String table, String column, String castTo, String check) {
            this(position, table, column, castTo, check, null);
        }
    }

    private final Map<String, Integer> positions = new HashMap<>();
    private final List<Demand> demands = new ArrayList<>();
    /** The labels of the enum types the history creates, by name: a column cast to one holds one of them. */
    private final Map<String, List<String>> enums = new HashMap<>();

    LaterDemands(MigrationGraph graph, List<String> order, MigrationStatements statements) {
        for (String id : order) {
            for (MigrationContext.Step step : statements.of(graph.migration(id))) {
                if (step.command() instanceof Command.CreateType type && type.kind() == Command.TypeKind.ENUM) {
                    enums.computeIfAbsent(type.type().name(), name -> new ArrayList<>()).addAll(type.labels());
                }
            }
        }
        for (int i = 0; i < order.size(); i++) {
            positions.put(order.get(i), i);
            for (MigrationContext.Step step : statements.of(graph.migration(order.get(i)))) {
                if (step.command() instanceof Command.AlterTable alter) {
                    read(i, alter);
                    casts(i, alter.table(), step.statement().text());
                } else if (step.command() instanceof Command.Dml dml && dml.table() != null) {
                    casts(i, dml.table(), step.statement().text());
                }
            }
        }
    }

    /** Casts of a bare column name in a statement on {@code name}: {@code shirt::integer}, {@code CAST(n AS int)}. */
    private void casts(int position, Command.Name name, String text) {
        for (Pattern pattern : List.of(DOUBLE_COLON, CAST)) {
            Matcher cast = pattern.matcher(text);
            while (cast.find()) {
                String builtin = builtin(cast.group(2));
                if (builtin != null) {
                    demands.add(new Demand(position, table(name), cast.group(1).toLowerCase(Locale.ROOT), builtin,
                            null));
                }
            }
        }
    }

    private static String table(Command.Name name) {
        return Catalog.displayName(name.schema() == null ? "public" : name.schema(), name.name());
    }

    private void read(int position, Command.AlterTable alter) {
        String table = table(alter.table());
        for (Command.AlterAction action : alter.actions()) {
            if (action instanceof Command.AlterColumnType change) {
                String builtin = builtin(change.type());
                List<String> labels = enums.get(change.type().replaceFirst("^.*\\.", ""));
                if (builtin != null) {
                    demands.add(new Demand(position, table, change.column(), builtin, null));
                } else if (labels != null && !labels.isEmpty()) {
                    // as a CHECK would list them: the seeder writes one of the literals
                    demands.add(new Demand(position, table, null, null, change.column() + " IN ("
                            + String.join(", ", labels.stream().map(l -> "'" + l.replace("'", "''") + "'").toList())
                            + ")"));
                }
            } else if (action instanceof Command.AddConstraint add
                    && add.constraint().kind() == Command.ConstraintKind.CHECK
                    && add.constraint().expression() != null) {
                demands.add(new Demand(position, table, null, null, add.constraint().expression()));
            } else if (action instanceof Command.AddConstraint add
                    && add.constraint().kind() == Command.ConstraintKind.FOREIGN_KEY
                    && add.constraint().references() != null && !add.constraint().columns().isEmpty()) {
                Command.ConstraintDef key = add.constraint();
                demands.add(new Demand(position, table, null, null, null, new Foresight.Reference(
                        key.columns().stream().map(LaterDemands::catalogName).toList(), table(key.references()),
                        key.referencedColumns().stream().map(LaterDemands::catalogName).toList())));
            }
        }
    }

    /** A column name as the catalog holds it: quotes removed, else folded to lower case. */
    private static String catalogName(String written) {
        return written.length() > 1 && written.startsWith("\"") && written.endsWith("\"")
                ? written.substring(1, written.length() - 1).replace("\"\"", "\"")
                : written.toLowerCase(Locale.ROOT);
    }

    /** The built-in name of a type as a migration writes it ({@code integer}, {@code varchar(20)}), or null. */
    static String builtin(String written) {
        String type = written.toLowerCase(Locale.ROOT).replaceAll("\\(.*\\)", "").replaceAll("\\s+", " ").trim();
        if (type.startsWith("pg_catalog.")) {
            type = type.substring("pg_catalog.".length());
        }
        return BUILTINS.get(type);
    }

    /** What the migrations from {@code id} on (it included) ask of the rows that exist before it. */
    Foresight from(String id) {
        int position = positions.getOrDefault(id, 0);
        Map<String, Map<String, String>> castTo = new HashMap<>();
        Map<String, List<String>> checks = new HashMap<>();
        Map<String, List<Foresight.Reference>> references = new HashMap<>();
        for (Demand d : demands) {
            if (d.position() < position) {
                continue;
            }
            if (d.reference() != null) {
                references.computeIfAbsent(d.table(), t -> new ArrayList<>()).add(d.reference());
            } else if (d.castTo() != null) {
                // the first change after the seeding is what the rows meet first
                castTo.computeIfAbsent(d.table(), t -> new HashMap<>()).putIfAbsent(d.column(), d.castTo());
            } else {
                checks.computeIfAbsent(d.table(), t -> new ArrayList<>()).add(d.check());
            }
        }
        return new Foresight(castTo, checks, references);
    }
}
