package dev.schemaguard.postgres;

/**
 * One difference between two {@link Catalog}s, as a line of a change list.
 *
 * @param objectKind  what the object is: {@code schema}, {@code extension}, {@code enum}, {@code domain},
 *                    {@code composite type}, {@code range type}, {@code sequence}, {@code table}, {@code column},
 *                    {@code constraint}, {@code index}, {@code view}, {@code materialized view}, {@code function},
 *                    {@code procedure}, {@code aggregate} or {@code trigger}
 * @param object      its display name; a column or constraint is {@code table.name}, a trigger {@code table.trigger}
 * @param kind        whether it was added, removed or changed
 * @param description the change in words, e.g. {@code column players.rating: type integer → bigint}
 */
public record CatalogChange(String objectKind, String object, Kind kind, String description) {

    /** What happened to the object. */
    public enum Kind {
        ADDED, REMOVED, CHANGED
    }
}
