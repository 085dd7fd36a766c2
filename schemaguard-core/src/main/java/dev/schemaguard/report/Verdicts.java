package dev.schemaguard.report;

import dev.schemaguard.finding.Severity;

/** The last line of a report for people: how many findings of each severity, and whether the command failed. */
final class Verdicts {

    private Verdicts() {
    }

    /** "3 errors, 29 warnings, 62 info: FAILED (findings at or above error)". */
    static String line(Report report) {
        return counts(report) + ": " + outcome(report);
    }

    static String counts(Report report) {
        return plural(report.count(Severity.ERROR), "error") + ", " + plural(report.count(Severity.WARNING), "warning")
                + ", " + plural(report.count(Severity.INFO), "info");
    }

    static String outcome(Report report) {
        if (report.blocked()) {
            return "FAILED (the upgrade to head would fail)";
        } else if (report.failOn() == null) {
            return "not failing (--fail-on never)";
        } else if (report.fails()) {
            return "FAILED (findings at or above " + report.failOn().label() + ")";
        }
        return "passed (nothing at or above " + report.failOn().label() + ")";
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 || word.equals("info") ? "" : "s");
    }
}
