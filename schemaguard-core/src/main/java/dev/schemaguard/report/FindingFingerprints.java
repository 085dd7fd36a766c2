package dev.schemaguard.report;

import dev.schemaguard.finding.Finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The identity of each finding across runs, for the reports whose readers track findings (code scanning, GitLab's
 * merge-request widget): a SHA-256 of rule, file and message (not the line, so a finding keeps its identity when
 * lines above it move), then {@code :n}, the occurrence of that hash in the report, so identical findings on
 * different lines stay distinct.
 */
final class FindingFingerprints {

    /** Hex digits of the SHA-256 kept (128 bits). */
    private static final int HEX = 32;

    private FindingFingerprints() {
    }

    /** One fingerprint per finding, in the order given. */
    static List<String> of(List<Finding> findings) {
        Map<String, Integer> occurrences = new HashMap<>();
        List<String> prints = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            String hash = hash(f);
            prints.add(hash + ":" + occurrences.merge(hash, 1, Integer::sum));
        }
        return prints;
    }

    /** The stable part of a fingerprint: rule, file and message, not the line. */
    static String hash(Finding f) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String key = f.rule() + '\0' + (f.file() == null ? "" : f.file().replace('\\', '/')) + '\0' + f.message();
            byte[] digest = sha.digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HEX);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
