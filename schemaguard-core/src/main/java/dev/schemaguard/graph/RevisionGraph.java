package dev.schemaguard.graph;

import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

/**
 * The JGraphT graph behind {@link MigrationGraph}: directed, self-loops allowed (a revision that
 * revises itself is a cycle to report), one edge per pair. It skips JGraphT's default index of
 * vertex pairs: revisions have few neighbours, and that index costs seconds on 100,000 revisions.
 */
final class RevisionGraph extends AbstractBaseGraph<String, RevisionEdge> {

    private static final long serialVersionUID = 1L;

    RevisionGraph() {
        super(null, null, new DefaultGraphType.Builder().directed().allowMultipleEdges(false).allowSelfLoops(true)
                .allowCycles(true).weighted(false).build(), new DefaultGraphSpecificsStrategy<>());
    }
}
