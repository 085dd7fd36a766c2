package dev.schemaguard.finding;

/**
 * Which analysis judges a rule. A rule's class lives in the package of its kind, where that analysis finds it: the
 * kind is where the class is, not a second declaration.
 */
public enum RuleKind {
    STATIC("dev.schemaguard.lint.rules", "static analysis"),
    GRAPH("dev.schemaguard.graph.rules", "graph analysis"),
    REHEARSAL("dev.schemaguard.rehearsal.rules", "rehearsal on a real PostgreSQL"),
    CONSUMER("dev.schemaguard.consumers.rules", "consumer analysis"),
    CHANGE("dev.schemaguard.change.rules", "comparison with a git revision (--since)");

    private final String packageName;
    private final String foundBy;

    RuleKind(String packageName, String foundBy) {
        this.packageName = packageName;
        this.foundBy = foundBy;
    }

    /** The package that holds the rules of this kind, one class each. */
    public String packageName() {
        return packageName;
    }

    /** What finds the rule's findings, in words ("rehearsal on a real PostgreSQL"). */
    public String foundBy() {
        return foundBy;
    }
}
