package dev.schemaguard.graph;

import org.jgrapht.graph.DefaultEdge;

/**
 * An edge from a migration to one that must come after it. Extending {@link DefaultEdge} lets JGraphT
 * keep the endpoints in the edge itself, which matters on histories of 100,000 revisions.
 */
public final class RevisionEdge extends DefaultEdge {

    private static final long serialVersionUID = 1L;

    /** Why the target comes after the source. */
    public enum Kind {
        /** The target revises the source ({@code down_revision}, or the previous version of a linear format). */
        PARENT,
        /** The target declares the source in {@code depends_on}: applied first, but not an ancestor in the line. */
        DEPENDENCY
    }

    private final Kind kind;

    RevisionEdge(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return kind.name();
    }
}
