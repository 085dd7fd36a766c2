package dev.schemaguard.status;

import dev.schemaguard.source.LinearHistory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Versions of linear runners compared as numbers, as golang-migrate and Flyway compare them: {@code 0003} is
 * {@code 3}, and for Flyway {@code 1.0} is {@code 1} and {@code 1_1} is {@code 1.1}.
 */
final class Versions {

    private static final Pattern NUMERIC = Pattern.compile("\\d+(?:[._]\\d+)*");

    private Versions() {
    }

    /** The numeric parts without trailing zero parts, or {@code null} when {@code version} is not numeric. */
    static List<BigInteger> key(String version) {
        if (version == null || !NUMERIC.matcher(version).matches()) {
            return null;
        }
        List<BigInteger> parts = new ArrayList<>();
        for (String part : version.split("[._]")) {
            parts.add(new BigInteger(part));
        }
        while (parts.size() > 1 && parts.get(parts.size() - 1).signum() == 0) {
            parts.remove(parts.size() - 1);
        }
        return List.copyOf(parts);
    }

    static int compare(List<BigInteger> a, List<BigInteger> b) {
        return LinearHistory.compareVersions(a, b);
    }
}
