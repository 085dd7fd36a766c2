package dev.schemaguard.rehearsal;

import dev.schemaguard.graph.GraphAnalysis;
import dev.schemaguard.postgres.Catalog;
import dev.schemaguard.source.Migration;

import java.util.List;
import java.util.Map;

/**
 * What the rehearsal saw as a whole, once every migration is rehearsed: the facts of the rules that need more than
 * one migration.
 *
 * @param failures     the migrations that could not be applied, in the order the rehearsal reached them
 * @param branchOrders the forks whose branches were applied in both orders
 */
public record RehearsalTrace(List<Failure> failures, List<BranchOrders> branchOrders) {

    public RehearsalTrace {
        failures = List.copyOf(failures);
        branchOrders = List.copyOf(branchOrders);
    }

    /**
     * A migration that could not be applied.
     *
     * @param migration the migration
     * @param failure   why: its up's failure (without the generated rows, when those were removed to try again)
     * @param creators  which migration created each object the rehearsal saw created until then
     * @param unreached the migrations that depend on it and were therefore not rehearsed
     */
    public record Failure(Migration migration, Execution.Failure failure, Map<String, String> creators,
                          List<String> unreached) {

        public Failure {
            creators = Map.copyOf(creators);
            unreached = List.copyOf(unreached);
        }
    }

    /**
     * The branches of a fork that merges again, each applied in both orders on a fresh database.
     *
     * @param fork     the fork
     * @param branches each branch's migrations, in apply order, in the order the runner applies the branches
     * @param forward  what applying the branches in that order built
     * @param backward what applying them in the reverse order built
     */
    public record BranchOrders(GraphAnalysis.Fork fork, List<List<String>> branches, Applied forward,
                               Applied backward) {

        public BranchOrders {
            branches = branches.stream().map(List::copyOf).toList();
        }
    }

    /**
     * What applying a list of migrations built, or where it failed.
     *
     * @param catalog  the catalog at the end; {@code null} when a migration failed
     * @param failedId the migration that failed, or {@code null}
     * @param failure  its failure, or {@code null}
     */
    public record Applied(Catalog catalog, String failedId, Execution.Failure failure) {
    }
}
