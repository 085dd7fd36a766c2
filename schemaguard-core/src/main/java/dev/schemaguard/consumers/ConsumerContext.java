package dev.schemaguard.consumers;

import dev.schemaguard.finding.Evidence;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.RuleCatalogue;
import dev.schemaguard.finding.RuleReports;
import dev.schemaguard.finding.Severity;
import dev.schemaguard.graph.MigrationGraph;
import dev.schemaguard.lint.MigrationStatements;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a consumer rule sees: the migrations and the schema they build, the consumers' uses of tables and columns
 * found in their code, and what the rehearsal saw when it prepared their queries on a real server.
 */
public final class ConsumerContext extends RuleReports {

    private final MigrationGraph graph;
    private final SchemaHistory schema;
    private final ConsumerScan scan;
    private final ConsumerDeclarations declarations;
    private final Set<String> prepared;
    private final List<QueryFailure> failures;
    private final MigrationStatements statements;
    /** Consumer, file and line of every query the scan found, once asked for. */
    private Set<List<Object>> queryPlaces;

    ConsumerContext(MigrationGraph graph, SchemaHistory schema, ConsumerScan scan, ConsumerDeclarations declarations,
                    Set<String> prepared, List<QueryFailure> failures, MigrationStatements statements,
                    Consumer<Finding> sink) {
        super(sink);
        this.graph = graph;
        this.schema = schema;
        this.scan = scan == null ? new ConsumerScan(List.of(), List.of(), List.of(), List.of(), List.of()) : scan;
        this.declarations = declarations;
        this.prepared = prepared;
        this.failures = failures;
        this.statements = statements;
    }

    /** This context, reporting for {@code rule} from now on. */
    ConsumerContext forRule(RuleCatalogue.Entry rule) {
        select(rule);
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
        return scan.uses();
    }

    /** Every query the scan found, with how much of it was analysed. */
    public List<ConsumerScan.Query> queries() {
        return scan.queries();
    }

    /** How much of each consumer the scan could see (empty when only the rehearsal is judged). */
    public List<ConsumerScan.Coverage> coverage() {
        return scan.coverage();
    }

    /** Where the consumers are declared: where a finding about a consumer as a whole points. */
    public ConsumerDeclarations declarations() {
        return declarations;
    }

    /**
     * Whether the rehearsal prepared the consumers' queries on a real server after {@code migration}: then what the
     * server refused is in {@link #failures()}, and only what it cannot see is left to the static uses.
     */
    public boolean prepared(String migration) {
        return prepared.contains(migration);
    }

    /**
     * Whether the rehearsal saw the use: it belongs to a query the scan found (whose text the server prepared), not
     * to a helper or client call, which has none, or to a member read on a star select's rows.
     */
    public boolean seenByRehearsal(ConsumerScan.Use use) {
        if (use.viaStar()) {
            return false;
        }
        if (queryPlaces == null) {
            queryPlaces = new java.util.HashSet<>();
            scan.queries().forEach(q -> queryPlaces.add(List.<Object>of(q.consumer(), q.file(), q.line())));
        }
        return queryPlaces.contains(List.<Object>of(use.consumer(), use.file(), use.queryLine()));
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
        report(severity(), migration, file, line, message, fix, evidence);
    }

    /** Reports a finding at a severity of its own ({@code migration} {@code null} for one about a consumer). */
    public void report(Severity severity, String migration, String file, int line, String message, String fix,
                       List<Evidence> evidence) {
        emit(severity, migration, file, line, message, fix, evidence);
    }
}
