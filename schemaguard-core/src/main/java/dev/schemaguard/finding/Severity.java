package dev.schemaguard.finding;

import java.util.Locale;

/** How bad a finding is. Ordered from the most to the least severe. */
public enum Severity {
    ERROR, WARNING, INFO;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The lower-case name used in configuration and output. */
    public String label() {
        return label;
    }

    /** Whether this severity is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** Parses {@code error}, {@code warning} or {@code info}; {@code null} for anything else. */
    public static Severity fromLabel(String label) {
        for (Severity s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }
}
