package dev.schemaguard.rehearsal;

import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The facts of {@code branch-order-dependent}: at every fork that merges again, the branches applied in both orders,
 * each time from a fresh database. Runners apply independent branches in an order of their own (Alembic by revision
 * map, and each environment in the order its deploys came), so a schema that depends on the order differs between
 * environments.
 */
final class ForkOrders {

    private final MigrationGraph graph;

    ForkOrders(MigrationGraph graph) {
        this.graph = graph;
    }

    /**
     * The branches of every fork the rehearsal can compare, applied both ways by {@code apply}.
     *
     * @param applied  the migrations the rehearsal applied: a fork with a failure in it cannot be compared
     * @param order    the order the runner applies the migrations in
     * @param baseline the migrations the rehearsal's starting point stands for, which are not applied again
     * @param apply    applies the migrations before the fork and then the branches in one order
     */
    List<RehearsalTrace.BranchOrders> compare(Set<String> applied, List<String> order, Set<String> baseline,
                                              Applier apply) {
        List<Comparison> comparisons = new ArrayList<>();
        for (GraphAnalysis.Fork fork : GraphAnalysis.of(graph).forks()) {
            if (!fork.merged() || !fork.acyclic() || fork.children().size() < 2) {
                continue;
            }
            Set<String> mergeAncestors = ancestors(fork.mergedAt());
            List<Set<String>> reached = new ArrayList<>();
            Map<String, Integer> reachedBy = new HashMap<>();
            for (String child : fork.children()) {
                Set<String> branch = new HashSet<>(descendantsOrSelf(child));
                branch.retainAll(mergeAncestors);
                reached.add(branch);
                branch.forEach(id -> reachedBy.merge(id, 1, Integer::sum));
            }
            // A migration that two branches reach (an earlier merge of some of them) follows all of them in either
            // order: it belongs to no single branch.
            List<String> shared = order.stream().filter(id -> reachedBy.getOrDefault(id, 0) > 1).toList();
            List<List<String>> branches = new ArrayList<>();
            for (Set<String> branch : reached) {
                branches.add(order.stream().filter(id -> branch.contains(id) && reachedBy.get(id) == 1).toList());
            }
            Set<String> inBranches = new HashSet<>(shared);
            branches.forEach(inBranches::addAll);
            if (!applied.containsAll(inBranches) || !applied.contains(fork.mergedAt())) {
                continue; // a failure there is reported already; the orders cannot be compared
            }
            Set<String> before = new HashSet<>();
            inBranches.forEach(id -> before.addAll(ancestors(id)));
            before.removeAll(inBranches);
            before.removeAll(baseline);
            List<String> prefix = order.stream().filter(before::contains).toList();
            List<String> forward = new ArrayList<>();
            branches.forEach(forward::addAll);
            forward.addAll(shared);
            List<String> backward = new ArrayList<>();
            for (int i = branches.size() - 1; i >= 0; i--) {
                backward.addAll(branches.get(i));
            }
            backward.addAll(shared);
            comparisons.add(new Comparison(fork, branches, prefix, forward, backward));
        }
        return applyAll(comparisons, apply);
    }

    /** Applies lists of migrations, each from the rehearsal's starting point. */
    interface Applier {
        /**
         * What applying {@code prefix} and then {@code rest} builds, or where it fails; when {@code keep}, the
         * database may stay at that point for a later list, which begins with both. Every prefix begins with
         * {@code common}.
         */
        RehearsalTrace.Applied apply(List<String> common, List<String> prefix, List<String> rest, boolean keep);
    }

    /** A fork to compare: the migrations before it and its branches in the two orders. */
    private record Comparison(GraphAnalysis.Fork fork, List<List<String>> branches, List<String> prefix,
                              List<String> forward, List<String> backward) {

        List<String> forwardAll() {
            List<String> all = new ArrayList<>(prefix);
            all.addAll(forward);
            return all;
        }
    }

    /**
     * Applies both orders of every comparison, each next one chosen, where there is one, among those whose prefix
     * begins where the kept database is (the applier then goes on from there instead of from the start), the
     * forward order on the kept database when a later prefix begins with it; the results in the order of the forks.
     */
    private static List<RehearsalTrace.BranchOrders> applyAll(List<Comparison> comparisons, Applier apply) {
        List<Comparison> left = new ArrayList<>(comparisons);
        left.sort(Comparator.comparingInt(c -> c.prefix().size()));
        List<String> common = left.isEmpty() ? List.of() : left.get(0).prefix();
        for (Comparison c : left) {
            common = common.subList(0, commonLength(common, c.prefix()));
        }
        Map<Comparison, RehearsalTrace.BranchOrders> done = new IdentityHashMap<>();
        List<String> kept = List.of();
        while (!left.isEmpty()) {
            List<String> at = kept;
            Comparison c = left.stream().filter(x -> beginsWith(x.prefix(), at)).findFirst().orElse(left.get(0));
            left.remove(c);
            List<String> forwardAll = c.forwardAll();
            boolean keep = left.stream().anyMatch(x -> beginsWith(x.prefix(), forwardAll));
            RehearsalTrace.Applied backward = apply.apply(common, c.prefix(), c.backward(), false);
            RehearsalTrace.Applied forward = apply.apply(common, c.prefix(), c.forward(), keep);
            done.put(c, new RehearsalTrace.BranchOrders(c.fork(), c.branches(), forward, backward));
            kept = keep ? forwardAll : c.prefix();
        }
        return comparisons.stream().map(done::get).toList();
    }

    private static boolean beginsWith(List<String> ids, List<String> start) {
        return ids.size() >= start.size() && commonLength(ids, start) == start.size();
    }

    private static int commonLength(List<String> a, List<String> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
            n++;
        }
        return n;
    }

    /** Every migration {@code id} revises, directly or not. */
    Set<String> ancestors(String id) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>(graph.parents(id));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (graph.migration(next) != null && seen.add(next)) {
                queue.addAll(graph.parents(next));
            }
        }
        return seen;
    }

    private Set<String> descendantsOrSelf(String id) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(id));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (seen.add(next)) {
                queue.addAll(graph.children(next));
            }
        }
        return seen;
    }
}
