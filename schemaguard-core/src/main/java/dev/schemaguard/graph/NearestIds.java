package dev.schemaguard.graph;

import dev.schemaguard.source.Migration;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** The ids a mistyped or foreign revision id most likely meant, for error messages. */
public final class NearestIds {

    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private NearestIds() {
    }

    /**
     * Up to {@code limit} ids close to {@code wanted}: the same number written differently ("18" and
     * "018"), a prefix either way, or a small edit distance.
     */
    public static List<String> of(MigrationGraph g, String wanted, int limit) {
        record Scored(String id, int score, int order) {
        }
        List<Scored> scored = new ArrayList<>();
        int tolerance = Math.max(2, wanted.length() / 3);
        for (Migration m : g.migrations()) {
            int score = score(wanted, m.id(), tolerance);
            if (score >= 0) {
                scored.add(new Scored(m.id(), score, m.order()));
            }
        }
        scored.sort(Comparator.comparingInt(Scored::score).thenComparingInt(Scored::order));
        // The same number written differently is the answer; looser matches would only distract from it.
        boolean exact = !scored.isEmpty() && scored.get(0).score() == 0;
        return scored.stream().filter(s -> !exact || s.score() == 0).limit(limit).map(Scored::id).toList();
    }

    private static int score(String wanted, String id, int tolerance) {
        if (DIGITS.matcher(wanted).matches() && DIGITS.matcher(id).matches()
                && stripZeros(wanted).equals(stripZeros(id))) {
            return 0;
        }
        if (id.startsWith(wanted) || wanted.startsWith(id)) {
            return 1;
        }
        int distance = distance(wanted, id, tolerance);
        return distance <= tolerance ? 1 + distance : -1;
    }

    private static String stripZeros(String digits) {
        String s = digits.replaceFirst("^0+", "");
        return s.isEmpty() ? "0" : s;
    }

    /** Levenshtein distance, giving up (returning {@code limit + 1}) once it must exceed {@code limit}. */
    public static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
