package dev.schemaguard.graph;

import dev.schemaguard.source.Migration;
import dev.schemaguard.source.MigrationSet;
import org.jgrapht.Graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private final List<MissingParent> missingParents;
    private final List<Duplicate> duplicates;
    /** By position: the ids revising each migration, in file order, and the existing ids it revises. */
    private final List<List<String>> children;
    private final List<List<String>> parents;
    private final List<Migration> migrations;
    private final Comparator<String> fileOrder;
    /*
     * The graph by position: ids in file order of their first file, each migration's position, and the targets of the
     * edges leaving each position (parents first, then dependencies, as declared). The analysis and the apply order
     * work on these arrays: hash look-ups on 100,000 ids were most of their time.
     */
    private final List<String> ids;
    private final Map<String, Integer> positions;
    private final int[][] edgesOut;
    private final Map<String, String> labels;
    /** Built from the same edges, in the same order, the first time a caller asks for it. */
    private Graph<String, RevisionEdge> graph;

    private MigrationGraph(MigrationSet set, Map<String, Migration> byId, Map<String, String> labels,
                           Map<String, Integer> positions, int[][] edgesOut, List<List<String>> children,
                           List<List<String>> parents, List<MissingParent> missingParents,
                           List<Duplicate> duplicates) {
        this.set = set;
        this.byId = byId;
        this.positions = positions;
        this.edgesOut = edgesOut;
        this.labels = labels;
        this.children = children;
        this.parents = parents;
        this.migrations = List.copyOf(byId.values());
        this.ids = List.copyOf(byId.keySet());
        this.missingParents = List.copyOf(missingParents);
        this.duplicates = List.copyOf(duplicates);
        this.fileOrder = Comparator.comparingInt((String id) -> byId.get(id).order()).thenComparing(id -> id);
    }

    /** Builds the graph of a project's migrations. */
    public static MigrationGraph of(MigrationSet set) {
        Map<String, Migration> byId = new LinkedHashMap<>();
        Set<String> declaredTwice = new HashSet<>();
        for (Migration m : set.migrations()) {
            if (byId.putIfAbsent(m.id(), m) != null) {
                declaredTwice.add(m.id());
            }
        }
        Map<String, String> labels = new HashMap<>();
        for (Migration m : byId.values()) {
            for (String label : m.branchLabels()) {
                labels.putIfAbsent(label, m.id());
            }
        }
        int n = byId.size();
        Map<String, Integer> positions = new HashMap<>(n * 2);
        for (String id : byId.keySet()) {
            positions.put(id, positions.size());
        }
        // Adjacency along parent edges by position, built in file order so that every list is already sorted.
        List<List<String>> children = new ArrayList<>(n);
        List<List<String>> parents = new ArrayList<>(n);
        List<List<Integer>> edges = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            children.add(new ArrayList<>(1));
            edges.add(new ArrayList<>(1));
        }
        List<MissingParent> missing = new ArrayList<>();
        for (Migration m : byId.values()) {
            int to = parents.size();
            List<String> existing = new ArrayList<>(m.parents().size());
            for (String parent : m.parents().size() < 2 ? m.parents() : m.parents().stream().distinct().toList()) {
                Integer from = positions.get(parent);
                if (from != null) {
                    edges.get(from).add(to);
                    children.get(from).add(m.id());
                    existing.add(parent);
                } else {
                    missing.add(new MissingParent(m.id(), parent, RevisionEdge.Kind.PARENT));
                }
            }
            parents.add(List.copyOf(existing));
            for (String dependency : m.dependsOn().stream().distinct().toList()) {
                // Alembic lets depends_on name a branch label as well as a revision.
                String target = byId.containsKey(dependency) ? dependency : labels.get(dependency);
                if (target != null) {
                    // A dependency that is also a parent adds nothing: the parent edge already orders them.
                    List<Integer> out = edges.get(positions.get(target));
                    if (!out.contains(to) && !out.contains(-1 - to)) {
                        out.add(-1 - to);
                    }
                } else {
                    missing.add(new MissingParent(m.id(), dependency, RevisionEdge.Kind.DEPENDENCY));
                }
            }
        }
        // dependency edges are kept as -1 - target until here, so that the check above sees both kinds
        int[][] edgesOut = new int[n][];
        for (int i = 0; i < n; i++) {
            edgesOut[i] = edges.get(i).stream().mapToInt(Integer::intValue).toArray();
            children.set(i, List.copyOf(children.get(i)));
        }
        List<Duplicate> duplicates = new ArrayList<>();
        if (!declaredTwice.isEmpty()) {
            Map<String, List<String>> filesById = new LinkedHashMap<>();
            for (Migration m : set.migrations()) {
                if (declaredTwice.contains(m.id())) {
                    filesById.computeIfAbsent(m.id(), k -> new ArrayList<>()).add(m.displayFile());
                }
            }
            filesById.forEach((id, files) -> duplicates.add(new Duplicate(id, files)));
            duplicates.sort(Comparator.comparingInt(d -> byId.get(d.id()).order()));
        }
        return new MigrationGraph(set, Collections.unmodifiableMap(byId), labels, positions, edgesOut, children,
                parents, missing, duplicates);
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
    public synchronized Graph<String, RevisionEdge> graph() {
        if (graph == null) {
            // the same vertices and edges, added in the order they were declared
            Graph<String, RevisionEdge> built = new RevisionGraph();
            ids.forEach(built::addVertex);
            for (Migration m : byId.values()) {
                for (String parent : parents(m.id())) {
                    built.addEdge(parent, m.id(), new RevisionEdge(RevisionEdge.Kind.PARENT));
                }
                for (String dependency : m.dependsOn().stream().distinct().toList()) {
                    String target = byId.containsKey(dependency) ? dependency : labels.get(dependency);
                    if (target != null && !built.containsEdge(target, m.id())) {
                        built.addEdge(target, m.id(), new RevisionEdge(RevisionEdge.Kind.DEPENDENCY));
                    }
                }
            }
            graph = built;
        }
        return graph;
    }

    /** The ids by position: the order of {@link #migrations()}. */
    List<String> ids() {
        return ids;
    }

    /** The position of an id in {@link #ids()}. */
    int position(String id) {
        return positions.get(id);
    }

    /** The positions of the migrations revising the one at {@code position}: {@link #children} by position. */
    int[] childPositions(int position) {
        int count = 0;
        for (int edge : edgesOut[position]) {
            count += edge >= 0 ? 1 : 0;
        }
        int[] out = new int[count];
        int k = 0;
        for (int edge : edgesOut[position]) {
            if (edge >= 0) {
                out[k++] = edge;
            }
        }
        return out;
    }

    /**
     * The positions in an order where every migration comes after the ones it revises or depends on, each time the
     * first in {@code first} of those that may come next; {@code null} when a cycle leaves no such order.
     */
    int[] topologicalOrder(Comparator<Integer> first) {
        int n = ids.size();
        int[] waitingFor = new int[n];
        for (int[] out : edgesOut) {
            for (int edge : out) {
                waitingFor[edge >= 0 ? edge : -1 - edge]++;
            }
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>(first);
        for (int i = 0; i < n; i++) {
            if (waitingFor[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int placed = 0;
        while (!ready.isEmpty()) {
            int v = ready.poll();
            order[placed++] = v;
            for (int edge : edgesOut[v]) {
                int to = edge >= 0 ? edge : -1 - edge;
                if (--waitingFor[to] == 0) {
                    ready.add(to);
                }
            }
        }
        return placed == n ? order : null;
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
        Integer position = positions.get(id);
        return position == null ? null : children.get(position);
    }

    /** The ids {@code id} revises that exist in the graph, in declaration order of the file. */
    public List<String> parents(String id) {
        Integer position = positions.get(id);
        return position == null ? null : parents.get(position);
    }

    /** The order a runner applies the migrations in: parents first, file order between independent ones; file order
     * alone where a cycle leaves no such order. */
    public List<String> applyOrder() {
        // positions compared as their ids are: by file order, then by id
        int[] order = topologicalOrder((a, b) -> fileOrder.compare(ids.get(a), ids.get(b)));
        if (order == null) {
            return migrations().stream().map(Migration::id).toList();
        }
        List<String> applied = new ArrayList<>(order.length);
        for (int position : order) {
            applied.add(ids.get(position));
        }
        return applied;
    }
}
