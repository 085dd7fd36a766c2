package dev.schemaguard.graph;

import org.jgrapht.Graph;
import org.jgrapht.graph.EdgeReversedGraph;
import org.jgrapht.graph.MaskSubgraph;
import org.jgrapht.traverse.BreadthFirstIterator;
import org.jgrapht.traverse.TopologicalOrderIterator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What {@code upgrade head} does to a database stamped at some revisions: the migrations it runs, in
 * order, or why it cannot run.
 *
 * @param stamps        the stamps as given
 * @param unknownStamps stamps that name no migration of the project
 * @param resolved      the migrations the known stamps name (a unique prefix resolves, as Alembic allows)
 * @param pending       the migrations an upgrade runs, in the order it runs them
 * @param targets       the heads the upgrade ends at
 * @param blockers      every reason the upgrade would fail, in words
 */
public record UpgradePlan(List<String> stamps, List<String> unknownStamps, List<String> resolved,
                          List<String> pending, List<String> targets, List<String> blockers) {

    /** Whether the upgrade can run. */
    public boolean canUpgrade() {
        return blockers.isEmpty();
    }

    /** Plans the upgrade from the given stamps (empty for a database with no migration applied). */
    public static UpgradePlan from(MigrationGraph g, GraphAnalysis analysis, List<String> stamps) {
        List<String> unknown = new ArrayList<>();
        Set<String> resolved = new LinkedHashSet<>();
        for (String stamp : stamps) {
            String id = resolve(g, stamp);
            if (id == null) {
                unknown.add(stamp);
            } else {
                resolved.add(id);
            }
        }
        List<String> blockers = new ArrayList<>();
        for (String stamp : unknown) {
            blockers.add("stamp '" + stamp + "' is no revision of this project" + nearestHint(g, stamp));
        }
        if (analysis.heads().size() > 1) {
            blockers.add(analysis.heads().size() + " heads (" + String.join(", ", analysis.heads())
                    + "): an upgrade to 'head' does not know which to reach; merge them into one");
        }
        for (List<String> cycle : analysis.cycles()) {
            blockers.add("cycle " + String.join(" → ", cycle) + ": no order can apply it");
        }
        Set<String> applied = ancestorsOrSelf(g.graph(), resolved);
        List<String> pending = new ArrayList<>();
        // With a stamp the project does not know, where the database stands is unknown: nothing can be listed.
        if (analysis.cycles().isEmpty() && unknown.isEmpty()) {
            Graph<String, RevisionEdge> remaining = new MaskSubgraph<>(g.graph(), applied::contains, e -> false);
            new TopologicalOrderIterator<>(remaining, g.fileOrder()).forEachRemaining(pending::add);
        }
        Set<String> pendingSet = new HashSet<>(pending);
        for (MigrationGraph.MissingParent missing : analysis.missingParents()) {
            if (pendingSet.contains(missing.migration())) {
                blockers.add(missing.migration() + " " + (missing.kind() == RevisionEdge.Kind.PARENT ? "revises" : "depends on")
                        + " '" + missing.parent() + "', which no migration declares");
            }
        }
        for (MigrationGraph.Duplicate duplicate : analysis.duplicates()) {
            blockers.add("revision '" + duplicate.id() + "' is declared by " + duplicate.files().size()
                    + " files (" + String.join(", ", duplicate.files()) + ")");
        }
        return new UpgradePlan(List.copyOf(stamps), unknown, List.copyOf(resolved), pending, analysis.heads(), blockers);
    }

    /** The migration a stamp names: the id itself, or the only id it is a prefix of. */
    public static String resolve(MigrationGraph g, String stamp) {
        if (g.migration(stamp) != null) {
            return stamp;
        }
        if (stamp.length() < 4) {
            return null;
        }
        String found = null;
        for (var m : g.migrations()) {
            if (m.id().startsWith(stamp)) {
                if (found != null) {
                    return null;
                }
                found = m.id();
            }
        }
        return found;
    }

    private static String nearestHint(MigrationGraph g, String stamp) {
        List<String> nearest = NearestIds.of(g, stamp, 3);
        if (nearest.isEmpty()) {
            return "";
        }
        List<String> described = new ArrayList<>();
        for (String id : nearest) {
            described.add(id + " (" + g.migration(id).displayFile() + ")");
        }
        return "; nearest ids: " + String.join(", ", described);
    }

    private static Set<String> ancestorsOrSelf(Graph<String, RevisionEdge> graph, Set<String> from) {
        Set<String> result = new HashSet<>();
        if (from.isEmpty()) {
            return result;
        }
        Graph<String, RevisionEdge> reversed = new EdgeReversedGraph<>(graph);
        new BreadthFirstIterator<>(reversed, from).forEachRemaining(result::add);
        return result;
    }
}
