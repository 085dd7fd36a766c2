package dev.schemaguard.graph;

import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationSet;
import org.jgrapht.Graph;
import org.jgrapht.traverse.TopologicalOrderIterator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's migrations as one directed graph: an edge runs from each migration to every migration
 * that revises it (or depends on it). Every format is read into this one model, linear ones included.
 * Ids that name no migration and ids declared twice are kept aside for the analysis to report.
 */
public final class MigrationGraph {

    /** A parent or dependency that no migration declares. */
    public record MissingParent(String migration, String parent, RevisionEdge.Kind kind) {
    }

    /** An id declared by more than one file; the first file (in the runner's order) is the one in the graph. */
    public record Duplicate(String id, List<String> files) {
    }

    private final MigrationSet set;
    private final Map<String, Migration> byId;
    private final Graph<String, RevisionEdge> graph;
    private final List<MissingParent> missingParents;
    private final List<Duplicate> duplicates;
    private final Map<String, List<String>> children;
    private final Map<String, List<String>> parents;
    private final List<Migration> migrations;
    private final Comparator<String> fileOrder;

    private MigrationGraph(MigrationSet set, Map<String, Migration> byId, Graph<String, RevisionEdge> graph,
                           Map<String, List<String>> children, Map<String, List<String>> parents,
                           List<MissingParent> missingParents, List<Duplicate> duplicates) {
        this.set = set;
        this.byId = byId;
        this.graph = graph;
        this.children = children;
        this.parents = parents;
        this.migrations = List.copyOf(byId.values());
        this.missingParents = List.copyOf(missingParents);
        this.duplicates = List.copyOf(duplicates);
        this.fileOrder = Comparator.comparingInt((String id) -> byId.get(id).order()).thenComparing(id -> id);
    }

    /** Builds the graph of a project's migrations. */
    public static MigrationGraph of(MigrationSet set) {
        Map<String, Migration> byId = new LinkedHashMap<>();
        Map<String, List<String>> filesById = new HashMap<>();
        for (Migration m : set.migrations()) {
            byId.putIfAbsent(m.id(), m);
            filesById.computeIfAbsent(m.id(), k -> new ArrayList<>()).add(m.displayFile());
        }
        Map<String, String> labels = new HashMap<>();
        for (Migration m : byId.values()) {
            for (String label : m.branchLabels()) {
                labels.putIfAbsent(label, m.id());
            }
        }
        Graph<String, RevisionEdge> graph = new RevisionGraph();
        byId.keySet().forEach(graph::addVertex);
        // Adjacency along parent edges, built in file order so that every list is already sorted.
        Map<String, List<String>> children = new HashMap<>(byId.size() * 2);
        Map<String, List<String>> parents = new HashMap<>(byId.size() * 2);
        for (String id : byId.keySet()) {
            children.put(id, new ArrayList<>(1));
        }
        List<MissingParent> missing = new ArrayList<>();
        for (Migration m : byId.values()) {
            List<String> existing = new ArrayList<>(m.parents().size());
            for (String parent : m.parents().stream().distinct().toList()) {
                if (byId.containsKey(parent)) {
                    graph.addEdge(parent, m.id(), new RevisionEdge(RevisionEdge.Kind.PARENT));
                    children.get(parent).add(m.id());
                    existing.add(parent);
                } else {
                    missing.add(new MissingParent(m.id(), parent, RevisionEdge.Kind.PARENT));
                }
            }
            parents.put(m.id(), List.copyOf(existing));
            for (String dependency : m.dependsOn().stream().distinct().toList()) {
                // Alembic lets depends_on name a branch label as well as a revision.
                String target = byId.containsKey(dependency) ? dependency : labels.get(dependency);
                if (target != null) {
                    // A dependency that is also a parent adds nothing: the parent edge already orders them.
                    if (!graph.containsEdge(target, m.id())) {
                        graph.addEdge(target, m.id(), new RevisionEdge(RevisionEdge.Kind.DEPENDENCY));
                    }
                } else {
                    missing.add(new MissingParent(m.id(), dependency, RevisionEdge.Kind.DEPENDENCY));
                }
            }
        }
        List<Duplicate> duplicates = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : filesById.entrySet()) {
            if (e.getValue().size() > 1) {
                duplicates.add(new Duplicate(e.getKey(), e.getValue()));
            }
        }
        duplicates.sort(Comparator.comparingInt(d -> byId.get(d.id()).order()));
        children.replaceAll((id, list) -> List.copyOf(list));
        return new MigrationGraph(set, Collections.unmodifiableMap(byId), graph, children, parents, missing, duplicates);
    }

    public MigrationSet source() {
        return set;
    }

    /** The migration with this id (the first file, for a duplicate id), or {@code null}. */
    public Migration migration(String id) {
        return byId.get(id);
    }

    /** Every distinct migration, in the runner's file order. */
    public List<Migration> migrations() {
        return migrations;
    }

    /** The number of distinct migration ids. */
    public int size() {
        return byId.size();
    }

    /** The underlying graph: vertices are ids, edges run from a migration to the ones after it. */
    public Graph<String, RevisionEdge> graph() {
        return graph;
    }

    public List<MissingParent> missingParents() {
        return missingParents;
    }

    public List<Duplicate> duplicates() {
        return duplicates;
    }

    /** Orders ids as the runner orders their files. */
    public Comparator<String> fileOrder() {
        return fileOrder;
    }

    /** The ids revising {@code id} (its children along parent edges), in file order. */
    public List<String> children(String id) {
        return children.get(id);
    }

    /** The ids {@code id} revises that exist in the graph, in declaration order of the file. */
    public List<String> parents(String id) {
        return parents.get(id);
    }

    /** The order a runner applies the migrations in: parents first, file order between independent ones; file order
     * alone where a cycle leaves no such order. */
    public List<String> applyOrder() {
        List<String> order = new ArrayList<>(size());
        try {
            new TopologicalOrderIterator<>(graph(), fileOrder()).forEachRemaining(order::add);
            return order;
        } catch (IllegalArgumentException cycle) {
            return migrations().stream().map(Migration::id).toList();
        }
    }
}
