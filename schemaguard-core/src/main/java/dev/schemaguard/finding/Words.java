package dev.schemaguard.finding;

import java.util.List;

/** Small helpers for writing findings and reports in plain English. */
public final class Words {

    private Words() {
    }

    /** "a", "a and b", "a, b and c". */
    public static String and(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** The first six items, separated by semicolons, and how many more: "a; b; c; d; e; f; and 3 more". */
    public static String summarise(List<String> items) {
        int shown = Math.min(items.size(), 6);
        String text = String.join("; ", items.subList(0, shown));
        return items.size() > shown ? text + "; and " + (items.size() - shown) + " more" : text;
    }
}
