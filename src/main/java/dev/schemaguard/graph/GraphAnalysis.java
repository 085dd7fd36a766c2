package dev.schemaguard.graph;

import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The shape of a revision graph: roots, heads, forks (and where each is merged), merges, missing
 * parents, cycles, duplicate ids, and the linear runs of history between them. Every part is computed
 * in time linear in the size of the graph.
 *
 * @param roots          migrations that revise nothing
 * @param heads          migrations nothing revises: the targets of {@code upgrade head}
 * @param forks          migrations revised by more than one migration
 * @param merges         migrations that revise more than one migration
 * @param missingParents declared parents and dependencies that do not exist
 * @param cycles         each cycle as the ids along it
 * @param duplicates     ids declared by more than one file
 * @param lines          the maximal linear runs of history, for explaining the graph in words
 * @param outOfSequence  ids named unlike the rest (a hash among numbers) and where they sit
 */
public record GraphAnalysis(
        List<String> roots,
        List<String> heads,
        List<Fork> forks,
        List<String> merges,
        List<MigrationGraph.MissingParent> missingParents,
        List<List<String>> cycles,
        List<MigrationGraph.Duplicate> duplicates,
        List<Line> lines,
        List<Placement> outOfSequence) {

    /**
     * A migration revised by several migrations.
     *
     * @param at       the migration revised more than once
     * @param children the migrations revising it, in file order
     * @param mergedAt the first migration every branch reaches, or {@code null} when they never meet
     * @param acyclic  false when a cycle made the merge point impossible to tell
     */
    public record Fork(String at, List<String> children, String mergedAt, boolean acyclic) {
        public boolean merged() {
            return mergedAt != null;
        }
    }

    /**
     * A run of migrations each revising the one before it and revised only by the one after it.
     *
     * @param from the migrations the run's first id revises
     * @param ids  the run
     * @param to   the migrations revising the run's last id
     */
    public record Line(List<String> from, List<String> ids, List<String> to) {
    }

    /** Where an out-of-sequence id sits: what it revises and what revises it. */
    public record Placement(String id, List<String> parents, List<String> children) {
    }

    /**
     * Heads grouped by Django app ({@code app.0003_x} belongs to {@code app}): Django migrates every app to its leaf,
     * and refuses only an app with more than one.
     */
    public static Map<String, List<String>> headsByApp(List<String> heads) {
        Map<String, List<String>> byApp = new java.util.TreeMap<>();
        for (String head : heads) {
            int dot = head.indexOf('.');
            byApp.computeIfAbsent(dot < 0 ? head : head.substring(0, dot), app -> new ArrayList<>()).add(head);
        }
        return byApp;
    }

    private static final Pattern NUMBERED = Pattern.compile("\\d+(?:[._]\\d+)*");

    /** Analyses a migration graph. */
    public static GraphAnalysis of(MigrationGraph g) {
        List<String> ids = g.ids();
        int n = ids.size();
        // The graph keeps both adjacencies in file order; here by position, with each migration's parents counted.
        int[][] children = new int[n][];
        int[] parentCount = new int[n];
        int[] soleParent = new int[n];
        for (int v = 0; v < n; v++) {
            children[v] = g.childPositions(v);
            for (int c : children[v]) {
                parentCount[c]++;
                soleParent[c] = v;
            }
        }
        List<String> roots = new ArrayList<>();
        List<String> heads = new ArrayList<>();
        List<String> merges = new ArrayList<>();
        List<Integer> forkPoints = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (g.migrations().get(v).parents().isEmpty()) {
                roots.add(ids.get(v));
            }
            if (children[v].length == 0) {
                heads.add(ids.get(v));
            }
            if (parentCount[v] > 1) {
                merges.add(ids.get(v));
            }
            if (children[v].length > 1) {
                forkPoints.add(v);
            }
        }
        int[] topo = g.topologicalOrder(Integer::compare);
        List<List<String>> cycles = topo == null ? cycles(g) : List.of();
        int[] mergePoints = topo != null ? postDominators(topo, children) : null;
        List<Fork> forks = new ArrayList<>();
        for (int at : forkPoints) {
            String mergedAt = mergePoints != null && mergePoints[at] >= 0 ? ids.get(mergePoints[at]) : null;
            forks.add(new Fork(ids.get(at), g.children(ids.get(at)), mergedAt, cycles.isEmpty()));
        }
        return new GraphAnalysis(roots, heads, forks, merges, g.missingParents(), cycles, g.duplicates(),
                lines(g, children, parentCount, soleParent), outOfSequence(ids, g::parents, g::children));
    }

    /** Only called when the graph has a cycle: strongly connected components name every one. */
    private static List<List<String>> cycles(MigrationGraph g) {
        Graph<String, RevisionEdge> graph = g.graph();
        List<List<String>> cycles = new ArrayList<>();
        for (Set<String> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
            String first = component.stream().min(g.fileOrder()).orElseThrow();
            if (component.size() == 1 && !graph.containsEdge(first, first)) {
                continue;
            }
            cycles.add(walkCycle(g, component, first));
        }
        cycles.sort((a, b) -> g.fileOrder().compare(a.get(0), b.get(0)));
        return cycles;
    }

    /** One closed walk through a strongly connected set, starting and ending at {@code first}. */
    private static List<String> walkCycle(MigrationGraph g, Set<String> component, String first) {
        Graph<String, RevisionEdge> graph = g.graph();
        // Breadth-first from first's successors back to first gives a shortest cycle through it.
        Map<String, String> previous = new HashMap<>();
        List<String> queue = new ArrayList<>();
        queue.add(first);
        Set<String> seen = new HashSet<>();
        String last = null;
        for (int i = 0; i < queue.size() && last == null; i++) {
            String v = queue.get(i);
            List<String> next = new ArrayList<>();
            for (RevisionEdge e : graph.outgoingEdgesOf(v)) {
                next.add(graph.getEdgeTarget(e));
            }
            next.sort(g.fileOrder());
            for (String w : next) {
                if (!component.contains(w)) {
                    continue;
                }
                if (w.equals(first)) {
                    last = v;
                    break;
                }
                if (seen.add(w)) {
                    previous.put(w, v);
                    queue.add(w);
                }
            }
        }
        List<String> path = new ArrayList<>();
        for (String v = last; v != null && !v.equals(first); v = previous.get(v)) {
            path.add(0, v);
        }
        path.add(0, first);
        path.add(first);
        return path;
    }

    /**
     * The immediate post-dominator of every fork along parent edges, by position ({@code -1} for none and for what is
     * not a fork), with a virtual sink after all heads (Cooper, Harvey and Kennedy's algorithm; one pass suffices on
     * an acyclic graph, in any topological order). The post-dominator of a fork is the first migration every branch
     * passes through: its merge.
     */
    private static int[] postDominators(int[] topo, int[][] children) {
        int n = topo.length;
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[topo[i]] = i;
        }
        // Number in reverse postorder of the reversed graph: the sink first, then sinks' parents, ...
        int sink = n;
        int[] number = new int[n + 1];
        number[sink] = 0;
        for (int i = 0; i < n; i++) {
            number[i] = n - i;
        }
        int[] ipdom = new int[n + 1];
        ipdom[sink] = sink;
        for (int i = n - 1; i >= 0; i--) {
            int[] next = children[topo[i]];
            if (next.length == 0) {
                ipdom[i] = sink;
                continue;
            }
            int dom = index[next[0]];
            for (int k = 1; k < next.length; k++) {
                int other = index[next[k]];
                while (dom != other) {
                    while (number[dom] > number[other]) {
                        dom = ipdom[dom];
                    }
                    while (number[other] > number[dom]) {
                        other = ipdom[other];
                    }
                }
            }
            ipdom[i] = dom;
        }
        int[] merges = new int[n];
        Arrays.fill(merges, -1);
        for (int i = 0; i < n; i++) {
            if (children[topo[i]].length > 1 && ipdom[i] != sink) {
                merges[topo[i]] = topo[ipdom[i]];
            }
        }
        return merges;
    }

    private static List<Line> lines(MigrationGraph g, int[][] children, int[] parentCount, int[] soleParent) {
        int n = children.length;
        List<Line> lines = new ArrayList<>();
        boolean[] placed = new boolean[n];
        for (int v = 0; v < n; v++) {
            if (placed[v] || parentCount[v] == 1 && children[soleParent[v]].length == 1) {
                continue;
            }
            lines.add(walkLine(g, v, children, parentCount, placed));
        }
        // Whatever is left lies on a cycle with no way in; start anywhere on it.
        for (int v = 0; v < n; v++) {
            if (!placed[v]) {
                lines.add(walkLine(g, v, children, parentCount, placed));
            }
        }
        return lines;
    }

    private static Line walkLine(MigrationGraph g, int start, int[][] children, int[] parentCount, boolean[] placed) {
        List<String> ids = g.ids();
        List<String> run = new ArrayList<>();
        int current = start;
        while (!placed[current]) {
            placed[current] = true;
            run.add(ids.get(current));
            int[] next = children[current];
            if (next.length != 1 || parentCount[next[0]] != 1) {
                break;
            }
            current = next[0];
        }
        return new Line(g.parents(ids.get(start)), run, g.children(run.get(run.size() - 1)));
    }

    private static List<Placement> outOfSequence(List<String> ids, Function<String, List<String>> parents,
                                                 Function<String, List<String>> children) {
        List<String> odd = ids.stream().filter(id -> !NUMBERED.matcher(id).matches()).toList();
        // Only meaningful when numbered ids are the convention and a few break it.
        if (ids.size() < 3 || odd.isEmpty() || odd.size() * 3 > ids.size()) {
            return List.of();
        }
        return odd.stream().map(id -> new Placement(id, parents.apply(id), children.apply(id))).toList();
    }
}
