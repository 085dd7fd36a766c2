package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.List;

/**
 * What every report of the consumers says of their coverage, in the same words: per consumer, the files scanned, the
 * queries found, how many were analysed in full, in part and not at all (each of the latter with its file and line),
 * and the helper calls seen. A consumer of which nothing was analysed is said to be unknown, never to use nothing.
 */
public final class CoverageReport {

    private CoverageReport() {
    }

    /**
     * The lines about one consumer, the first its summary, then one per query not analysed in full
     * ({@code  in part: src/a.ts:12: line 13: column "x" is ambiguous}); {@code indent} starts each query line.
     */
    public static List<String> lines(ConsumerScan scan, ConsumerScan.Coverage coverage, String indent) {
        List<String> lines = new ArrayList<>();
        lines.add(coverage.consumer() + ": " + coverage.summary() + verdict(coverage));
        for (ConsumerScan.Query query : scan.queries()) {
            if (query.consumer().equals(coverage.consumer()) && query.analysis() != ConsumerScan.Analysis.FULL) {
                lines.add(indent + query.analysis().words + ": " + query.file() + ":" + query.line()
                        + (query.gaps().isEmpty() ? "" : " (" + query.gaps().get(0) + ")"));
            }
        }
        return lines;
    }

    /** Every consumer's lines, one consumer after another. */
    public static List<String> lines(ConsumerScan scan, String indent) {
        List<String> lines = new ArrayList<>();
        for (ConsumerScan.Coverage coverage : scan.coverage()) {
            lines.addAll(lines(scan, coverage, indent));
        }
        return lines;
    }

    private static String verdict(ConsumerScan.Coverage coverage) {
        if (coverage.files() == 0) {
            return ". No file was scanned: what it uses is unknown";
        }
        if (coverage.blind()) {
            return ". Nothing could be analysed: what it uses is unknown, not nothing";
        }
        if (coverage.belowMinimum()) {
            return ". Below its min_coverage of " + coverage.minCoverage() + " %";
        }
        return coverage.full() < coverage.queries() || coverage.helperCalls() > 0
                ? ". Uses in what was not analysed are not listed" : "";
    }
}
