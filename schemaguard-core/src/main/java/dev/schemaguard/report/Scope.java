package dev.schemaguard.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Which migrations a report judges, when not all of them: those changed since a git revision ({@code --since}), those
 * from {@code migrations.judge_from} on, or both; and which findings a baseline file accepted. Every migration still
 * builds the schema, the graph and the rehearsal; only the findings on the others are left out, and counted.
 *
 * @param since            the revision {@code --since} named, or {@code null}
 * @param mergeBase        the merge base's commit id, with {@code since}
 * @param judgeFrom        {@code migrations.judge_from}, or {@code null}
 * @param judged           the ids of the judged migrations, in file order; {@code null} when every one is
 * @param notJudged        how many findings on other migrations were left out
 * @param baseline         the baseline file given with {@code --baseline-findings} or written, or {@code null}
 * @param accepted         how many findings the baseline accepted
 */
public record Scope(String since, String mergeBase, String judgeFrom, List<String> judged, int notJudged,
                    String baseline, int accepted) {

    public Scope {
        judged = judged == null ? null : List.copyOf(judged);
    }

    /** Whether some migrations are not judged. */
    public boolean partial() {
        return judged != null;
    }

    /** What the report judged and left out, in sentences, for the reports that say it in words. */
    public List<String> sentences(int migrations) {
        List<String> out = new ArrayList<>();
        if (judged != null) {
            List<String> why = new ArrayList<>();
            if (since != null) {
                why.add("added or changed since " + since + " (merge base "
                        + (mergeBase.length() > 12 ? mergeBase.substring(0, 12) : mergeBase) + ")");
            }
            if (judgeFrom != null) {
                why.add("from " + judgeFrom + " on (migrations.judge_from)");
            }
            out.add("judged " + judged.size() + " of " + migrations + (migrations == 1 ? " migration" : " migrations")
                    + ", those " + String.join(" and ", why) + (judged.isEmpty() ? "" : ": "
                    + dev.schemaguard.finding.Words.summarise(judged).replace("; ", ", "))
                    + "; the others build the schema they are judged against"
                    + (notJudged == 0 ? "" : ", and their " + notJudged + (notJudged == 1 ? " finding is" : " findings are")
                    + " not shown"));
        }
        if (baseline != null) {
            out.add(accepted + (accepted == 1 ? " finding" : " findings") + " accepted by the baseline " + baseline);
        }
        return out;
    }
}
