package dev.schemaguard.rehearsal;

import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.graph.MigrationGraph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

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
     * @param apply    applies the migrations before the fork and then the branches in one order, on a database at the
     *                 rehearsal's starting point, and says what that built
     */
    List<RehearsalTrace.BranchOrders> compare(Set<String> applied, List<String> order, Set<String> baseline,
                                              BiFunction<List<String>, List<String>, RehearsalTrace.Applied> apply) {
        List<RehearsalTrace.BranchOrders> compared = new ArrayList<>();
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
            compared.add(new RehearsalTrace.BranchOrders(fork, branches, apply.apply(prefix, forward),
                    apply.apply(prefix, backward)));
        }
        return compared;
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
