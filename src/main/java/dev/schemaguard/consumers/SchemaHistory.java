package dev.schemaguard.consumers;

import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.lint.Linter;
import dev.schemaguard.lint.MigrationContext;
import dev.schemaguard.lint.SchemaState;
import dev.schemaguard.source.Migration;
import dev.schemaguard.sql.Command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The tables and columns the migrations build, read from their statements in the order they apply: what exists at
 * the head, everything that ever existed (so a consumer's reference to a dropped column still resolves), and which
 * statement removed each table or column that is gone.
 */
public final class SchemaHistory implements SchemaColumns {

    /**
     * A table or column a migration removed.
     *
     * @param table     the table's key ({@code players}, {@code schema.table})
     * @param column    the column, or {@code null} when the whole table went
     * @param migration the migration
     * @param file      its file, as shown to users
     * @param line      the line of the statement that removed it
     * @param how       "drops", or "renames ... to ..." in words
     */
    public record Removal(String table, String column, String migration, String file, int line, String how) {
    }

    private final Map<String, Set<String>> ever = new HashMap<>();
    private final SchemaState head = new SchemaState();
    private final List<Removal> removals = new ArrayList<>();

    private SchemaHistory() {
    }

    /** Replays the statements of every migration of {@code graph} (Alembic's op.* calls included). */
    public static SchemaHistory of(MigrationGraph graph) {
        SchemaHistory history = new SchemaHistory();
        java.util.function.Function<Migration, List<MigrationContext.Step>> steps = Linter.stepsOf(graph);
        for (String id : graph.applyOrder()) {
            Migration m = graph.migration(id);
            for (MigrationContext.Step step : steps.apply(m)) {
                history.apply(m, step);
            }
        }
        return history;
    }

    private void apply(Migration m, MigrationContext.Step step) {
        Command command = step.command();
        List<Command.Name> touched = touchedTables(command);
        Map<String, Set<String>> before = new HashMap<>();
        for (Command.Name table : touched) {
            if (head.hasTable(table)) {
                before.put(SchemaState.key(table), new TreeSet<>(head.columns(table)));
            }
        }
        head.apply(command, m.id());
        for (Command.Name table : touched) {
            String key = SchemaState.key(table);
            Set<String> was = before.get(key);
            if (was == null) {
                continue;
            }
            String renamedTo = renamedTable(command);
            if (!head.hasTable(table)) {
                removals.add(new Removal(key, null, m.id(), m.displayFile(), step.statement().line(),
                        renamedTo == null ? "drops table " + key : "renames table " + key + " to " + renamedTo));
                continue;
            }
            Set<String> now = head.columns(table);
            for (String column : was) {
                if (!now.contains(column)) {
                    String renamed = renamedColumn(command, column);
                    removals.add(new Removal(key, column, m.id(), m.displayFile(), step.statement().line(),
                            renamed == null ? "drops column " + key + "." + column
                                    : "renames column " + key + "." + column + " to " + renamed));
                }
            }
        }
        for (Command.Name table : createdOrAltered(command)) {
            if (head.hasTable(table)) {
                ever.computeIfAbsent(SchemaState.key(table), k -> new LinkedHashSet<>()).addAll(head.columns(table));
            }
        }
    }

    /** Every column the table ever had; the resolver sees dropped columns too, so uses of them can be blamed. */
    @Override
    public Set<String> columns(String table) {
        return ever.get(table);
    }

    /** Whether the table (and column, unless {@code null}) exists after the last migration. */
    public boolean existsAtHead(String table, String column) {
        Command.Name name = name(table);
        return head.hasTable(name) && (column == null || head.columns(name).contains(column));
    }

    /** Every table and column a migration removed, in the order the migrations apply. */
    public List<Removal> removals() {
        return List.copyOf(removals);
    }

    /** The last removal of the table or column, or {@code null}. */
    public Removal removalOf(String table, String column) {
        Removal last = null;
        for (Removal removal : removals) {
            boolean matches = column == null ? removal.column() == null
                    : removal.column() == null || removal.column().equals(column);
            if (removal.table().equals(table) && matches) {
                last = removal;
            }
        }
        return last;
    }

    /** Whether the migrations manage this table (create it at some point). */
    public boolean manages(String table) {
        return ever.containsKey(table);
    }

    private static Command.Name name(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? new Command.Name(null, key) : new Command.Name(key.substring(0, dot), key.substring(dot + 1));
    }

    private static List<Command.Name> touchedTables(Command command) {
        if (command instanceof Command.AlterTable alter) {
            return List.of(alter.table());
        }
        if (command instanceof Command.DropTable drop) {
            return drop.tables();
        }
        return List.of();
    }

    private static List<Command.Name> createdOrAltered(Command command) {
        if (command instanceof Command.CreateTable create) {
            return List.of(create.table());
        }
        if (command instanceof Command.AlterTable alter) {
            String renamed = renamedTable(command);
            return renamed == null ? List.of(alter.table()) : List.of(alter.table(), name(renamed));
        }
        return List.of();
    }

    private static String renamedTable(Command command) {
        if (command instanceof Command.AlterTable alter) {
            for (Command.AlterAction action : alter.actions()) {
                if (action instanceof Command.RenameTable rename) {
                    return alter.table().schema() == null || alter.table().schema().equals("public")
                            ? rename.to() : alter.table().schema() + "." + rename.to();
                }
            }
        }
        return null;
    }

    private static String renamedColumn(Command command, String column) {
        if (command instanceof Command.AlterTable alter) {
            for (Command.AlterAction action : alter.actions()) {
                if (action instanceof Command.RenameColumn rename && rename.from().equals(column)) {
                    return rename.to();
                }
            }
        }
        return null;
    }
}
