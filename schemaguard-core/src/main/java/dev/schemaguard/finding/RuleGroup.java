package dev.schemaguard.finding;

import java.util.Locale;

/** The groups the rules are documented in, in the order the documentation lists them. */
public enum RuleGroup {
    GRAPH("graph"),
    RERUN("re-run safety"),
    BREAKING("breaking changes"),
    LOCKS("locks and rewrites"),
    REHEARSAL("rehearsal"),
    META("meta");

    private final String title;

    RuleGroup(String title) {
        this.title = title;
    }

    /** The group's heading in the documentation ("re-run safety"). */
    public String title() {
        return title;
    }

    /** The group as a one-word tag ("rerun"), as SARIF rule properties carry it. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
