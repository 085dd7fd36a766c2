package dev.schemaguard.finding;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every rule id SchemaGuard may report. The ids are a public contract: configuration, suppressions
 * and CI integrations name them.
 */
public final class RuleCatalogue {

    /** The group a rule belongs to, as documented. */
    public enum Group { GRAPH, RERUN, BREAKING, LOCKS, REHEARSAL, META }

    private static final Map<String, Group> RULES = new TreeMap<>();

    static {
        for (String id : List.of("multiple-heads", "fork", "missing-parent", "duplicate-revision", "cycle",
                "unknown-stamp")) {
            RULES.put(id, Group.GRAPH);
        }
        for (String id : List.of("unguarded-create-type", "non-idempotent-ddl")) {
            RULES.put(id, Group.RERUN);
        }
        for (String id : List.of("drop-table", "drop-column", "rename-column", "rename-table", "change-column-type",
                "set-not-null", "add-column-not-null-no-default", "mixed-phases", "consumer-breaking-change", "truncate")) {
            RULES.put(id, Group.BREAKING);
        }
        for (String id : List.of("index-not-concurrent", "drop-index-not-concurrent", "concurrent-in-transaction",
                "foreign-key-not-valid", "check-not-valid", "unique-without-index", "volatile-default",
                "table-rewrite", "missing-lock-timeout", "backfill-in-ddl-transaction", "lock-table",
                "attach-partition-without-check")) {
            RULES.put(id, Group.LOCKS);
        }
        for (String id : List.of("migration-failed", "not-rerunnable", "down-missing", "down-failed",
                "down-not-inverse", "data-loss", "branch-order-dependent", "exclusive-lock")) {
            RULES.put(id, Group.REHEARSAL);
        }
        for (String id : List.of("syntax-error", "unrecognized-statement", "unused-suppression",
                "suppression-without-reason")) {
            RULES.put(id, Group.META);
        }
    }

    private RuleCatalogue() {
    }

    /** Whether {@code id} is a rule of the catalogue. */
    public static boolean contains(String id) {
        return RULES.containsKey(id);
    }

    /** Every rule id, sorted. */
    public static List<String> ids() {
        return List.copyOf(RULES.keySet());
    }

    /** The group of a rule. */
    public static Group group(String id) {
        Group group = RULES.get(id);
        if (group == null) {
            throw new IllegalArgumentException("not a rule: " + id);
        }
        return group;
    }
}
