package dev.schemaguard.lint;

import dev.schemaguard.sql.Command;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the migrations applied so far have created: tables with their columns, and types. Names are
 * kept without the {@code public} schema so that {@code players} and {@code public.players} agree.
 */
public final class SchemaState {

    private final Map<String, Set<String>> tables = new HashMap<>();
    private final Map<String, String> tableCreatedBy = new HashMap<>();
    private final Map<String, String> typeCreatedBy = new HashMap<>();

    /** The key a table or type is known by. */
    public static String key(Command.Name name) {
        if (name == null) {
            return "";
        }
        return name.schema() == null || name.schema().equals("public") ? name.name() : name.schema() + "." + name.name();
    }

    public boolean hasTable(Command.Name table) {
        return tables.containsKey(key(table));
    }

    /** The migration that created the table, or {@code null} when no migration seen did. */
    public String tableCreatedBy(Command.Name table) {
        return tableCreatedBy.get(key(table));
    }

    /** The table's known columns (empty when the table is unknown). */
    public Set<String> columns(Command.Name table) {
        return tables.getOrDefault(key(table), Set.of());
    }

    /** The migration that created the type, or {@code null}. */
    public String typeCreatedBy(String type) {
        return typeCreatedBy.get(type);
    }

    /** Applies a statement's effect, as done by {@code migration}. */
    public void apply(Command command, String migration) {
        if (command instanceof Command.CreateTable t) {
            if (!tables.containsKey(key(t.table()))) {
                Set<String> columns = new LinkedHashSet<>();
                t.columns().forEach(c -> columns.add(c.name()));
                tables.put(key(t.table()), columns);
                tableCreatedBy.put(key(t.table()), migration);
            }
        } else if (command instanceof Command.DropTable d) {
            d.tables().forEach(n -> {
                tables.remove(key(n));
                tableCreatedBy.remove(key(n));
            });
        } else if (command instanceof Command.AlterTable a) {
            alter(a);
        } else if (command instanceof Command.CreateType t) {
            typeCreatedBy.putIfAbsent(typeKey(t.type()), migration);
        } else if (command instanceof Command.DoBlock d) {
            d.createsTypes().forEach(type -> typeCreatedBy.putIfAbsent(type, migration));
        } else if (command instanceof Command.DropObject d && (d.kind().equals("TYPE") || d.kind().equals("DOMAIN"))) {
            d.names().forEach(n -> typeCreatedBy.remove(typeKey(n)));
        }
    }

    /** Types are looked up by bare name: migrations rarely qualify them and enum names rarely clash. */
    public static String typeKey(Command.Name name) {
        return name.name();
    }

    private void alter(Command.AlterTable alter) {
        String key = key(alter.table());
        Set<String> columns = tables.get(key);
        if (columns == null) {
            return;
        }
        for (Command.AlterAction action : alter.actions()) {
            if (action instanceof Command.AddColumn add) {
                columns.add(add.column().name());
            } else if (action instanceof Command.DropColumn drop) {
                columns.remove(drop.column());
            } else if (action instanceof Command.RenameColumn rename) {
                columns.remove(rename.from());
                columns.add(rename.to());
            } else if (action instanceof Command.RenameTable rename) {
                Command.Name renamed = new Command.Name(alter.table().schema(), rename.to());
                tables.put(key(renamed), tables.remove(key));
                tableCreatedBy.put(key(renamed), tableCreatedBy.remove(key));
                return;
            }
        }
    }

    /** A copy, for analysing one migration against the state before it. */
    public SchemaState copy() {
        SchemaState copy = new SchemaState();
        tables.forEach((k, v) -> copy.tables.put(k, new LinkedHashSet<>(v)));
        copy.tableCreatedBy.putAll(tableCreatedBy);
        copy.typeCreatedBy.putAll(typeCreatedBy);
        return copy;
    }

    /** The keys of all known tables. */
    public Set<String> tableKeys() {
        return new HashSet<>(tables.keySet());
    }
}
