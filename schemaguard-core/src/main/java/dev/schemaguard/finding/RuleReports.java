package dev.schemaguard.finding;

import java.util.List;
import java.util.function.Consumer;

/**
 * What every rule context shares: the rule it reports for, set before each rule runs so that one context serves all
 * the rules of an analysis in turn, and where the findings go. Each analysis's context adds what its rules see and the
 * report methods its findings need.
 */
public abstract class RuleReports {

    private RuleCatalogue.Entry rule;
    private final Consumer<Finding> sink;

    protected RuleReports(Consumer<Finding> sink) {
        this.sink = sink;
    }

    /** Reports for {@code rule} from now on. */
    protected final void select(RuleCatalogue.Entry rule) {
        this.rule = rule;
    }

    /** The severity the rule reports at unless its spec says otherwise. */
    protected final Severity severity() {
        return rule.severity();
    }

    /** A finding of the rule, to the sink. */
    protected final void emit(Severity severity, String migration, String file, int line, String message, String fix,
                              List<Evidence> evidence) {
        sink.accept(new Finding(rule.id(), severity, migration, file, line, message, fix, evidence));
    }
}
