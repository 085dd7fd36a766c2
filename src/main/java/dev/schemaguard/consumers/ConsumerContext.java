package dev.schemaguard.consumers;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.lint.MigrationStatements;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a consumer rule sees: the migrations and the schema they build, the consumers' uses of tables and columns
 * found in their code, and what the rehearsal saw when it prepared their queries on a real server.
 */
public final class ConsumerContext {

    private RuleCatalogue.Entry rule;
    private final MigrationGraph graph;
    private final SchemaHistory schema;
    private final List<ConsumerScan.Use> uses;
    private final Set<String> prepared;
    private final List<QueryFailure> failures;
    private final MigrationStatements statements;
    private final Consumer<Finding> sink;

    ConsumerContext(MigrationGraph graph, SchemaHistory schema, List<ConsumerScan.Use> uses, Set<String> prepared,
                    List<QueryFailure> failures, MigrationStatements statements, Consumer<Finding> sink) {
        this.graph = graph;
        this.schema = schema;
        this.uses = uses;
        this.prepared = prepared;
        this.failures = failures;
        this.statements = statements;
        this.sink = sink;
    }

    /** This context, reporting for {@code rule} from now on. */
    ConsumerContext forRule(RuleCatalogue.Entry rule) {
        this.rule = rule;
        return this;
    }

    public MigrationGraph graph() {
        return graph;
    }

    /** The tables and columns the migrations build, and which statement removed what is gone. */
    public SchemaHistory schema() {
        return schema;
    }

    /** Every table and column a consumer's code uses, as the scan of its code found them. */
    public List<ConsumerScan.Use> uses() {
        return uses;
    }

    /**
     * Whether the rehearsal prepared the consumers' queries on a real server after {@code migration}: then what the
     * server refused is in {@link #failures()}, and only what it cannot see is left to the static uses.
     */
    public boolean prepared(String migration) {
        return prepared.contains(migration);
    }

    /** The queries the rehearsal saw fail after a migration. */
    public List<QueryFailure> failures() {
        return failures;
    }

    /** The migrations' statements: where a migration names an object. */
    public MigrationStatements statements() {
        return statements;
    }

    /** Reports a finding on a statement of a migration, at the rule's default severity. */
    public void report(String migration, String file, int line, String message, String fix, List<Evidence> evidence) {
        sink.accept(new Finding(rule.id(), rule.severity(), migration, file, line, message, fix, evidence));
    }
}
