package dev.schemaguard.rehearsal;

import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.postgres.Fingerprints;
import dev.schemaguard.postgres.Foresight;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tables the seeder tried to fill and left empty, each with what its seeding depended on at the time: its
 * definition, indexes and triggers, the tables its foreign keys reference and whether they held rows, the enums,
 * domains and functions of the schema, and what later migrations ask of its columns. Seeding one is tried again only
 * when one of those changed: the same inputs fail the same way, and on a schema of hundreds of tables retrying every
 * one of them (each row alone, in a savepoint, several times) whenever a migration creates a table cost more than the
 * rest of the rehearsal.
 */
final class UnseededTables {

    private final Map<String, Object> inputsWhenTried = new HashMap<>();

    /** Whether seeding {@code table} now would fail as it did, nothing it depends on having changed. */
    boolean unchanged(Catalog.Table table, Catalog catalog, Fingerprints.DataFingerprint data, Foresight foresight) {
        Object then = inputsWhenTried.get(table.displayName());
        return then != null && then.equals(inputs(table, catalog, data, foresight));
    }

    /** Remembers that seeding {@code table} left it empty, with what that depended on. */
    void leftEmpty(Catalog.Table table, Catalog catalog, Fingerprints.DataFingerprint data, Foresight foresight) {
        inputsWhenTried.put(table.displayName(), inputs(table, catalog, data, foresight));
    }

    /** Forgets every attempt: the rows around them are gone (a copy of the database, a table emptied). */
    void forget() {
        inputsWhenTried.clear();
    }

    private static Object inputs(Catalog.Table table, Catalog catalog, Fingerprints.DataFingerprint data,
                                 Foresight foresight) {
        String name = table.displayName();
        List<Object> parents = table.constraints().stream().filter(k -> k.type() == 'f')
                .<Object>map(k -> {
                    Fingerprints.TableFingerprint rows = data.tables().get(k.referencedTable());
                    return List.of(Objects.requireNonNullElse(catalog.tables().get(k.referencedTable()), ""),
                            rows != null && rows.rowCount() > 0);
                }).toList();
        return List.of(table, parents,
                catalog.indexes().values().stream().filter(i -> i.table().equals(name)).toList(),
                catalog.triggers().values().stream().filter(t -> t.name().startsWith(name + ".")).toList(),
                catalog.enums(), catalog.types(), catalog.functions(),
                Objects.requireNonNullElse(foresight.castTo().get(name), Map.of()),
                Objects.requireNonNullElse(foresight.checks().get(name), List.of()),
                Objects.requireNonNullElse(foresight.references().get(name), List.of()));
    }
}
