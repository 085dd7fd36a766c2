package dev.schemaguard.finding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.schemaguard.io.InputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings a team has accepted ({@code --baseline-findings FILE}, written with {@code --write-baseline FILE}): the
 * findings of an existing history that stop failing the gate without a suppression comment in a migration that has
 * already run (which would change its checksum). A finding is accepted when the baseline holds one with the same
 * rule, migration, file and message; the line is not compared, so lines added above it do not bring it back. Each
 * entry accepts one finding: a second identical finding is new.
 */
public final class Baseline {

    /** The field that says what the file is, and the version of its layout. */
    private static final String KIND = "schemaguard_baseline";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Integer> entries;

    private Baseline(Map<String, Integer> entries) {
        this.entries = entries;
    }

    /**
     * The findings and how many the baseline accepted.
     *
     * @param kept     the findings the baseline does not hold
     * @param accepted how many it held
     */
    public record Applied(List<Finding> kept, int accepted) {
    }

    /** Reads a baseline file written by {@link #write}. */
    public static Baseline read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new InputException(file, "baseline file not found (write one with --write-baseline " + file + ")");
        } catch (JsonProcessingException e) {
            throw new InputException(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not a findings baseline: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InputException(file, "cannot read the baseline: " + e.getMessage());
        }
        if (root == null || !root.path(KIND).isInt() || !root.path("findings").isArray()) {
            throw new InputException(file, "not a findings baseline: write it with --write-baseline (it starts with "
                    + "{\"" + KIND + "\": 1, \"findings\": [...])");
        }
        Map<String, Integer> entries = new HashMap<>();
        for (JsonNode f : root.get("findings")) {
            if (!f.path("rule").isTextual() || !f.path("message").isTextual()) {
                throw new InputException(file, "not a findings baseline: every finding needs a rule and a message");
            }
            entries.merge(key(f.get("rule").asText(), text(f, "migration"), text(f, "file"),
                    f.get("message").asText()), 1, Integer::sum);
        }
        return new Baseline(entries);
    }

    /** Writes {@code findings} as a baseline file, sorted as reports sort them. */
    public static void write(Path file, List<Finding> findings) {
        ObjectNode root = JSON.createObjectNode();
        root.put(KIND, 1);
        ArrayNode array = root.putArray("findings");
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Finding.ORDER);
        for (Finding f : sorted) {
            ObjectNode entry = array.addObject();
            entry.put("rule", f.rule());
            entry.put("migration", f.migration());
            entry.put("file", f.file());
            entry.put("line", f.line());
            entry.put("message", f.message());
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file, "cannot write the baseline: " + e.getMessage());
        }
    }

    /** The findings this baseline does not accept. */
    public Applied apply(List<Finding> findings) {
        Map<String, Integer> left = new HashMap<>(entries);
        List<Finding> kept = new ArrayList<>();
        int accepted = 0;
        for (Finding f : findings) {
            String key = key(f.rule(), f.migration(), f.file(), f.message());
            Integer n = left.get(key);
            if (n != null && n > 0) {
                left.put(key, n - 1);
                accepted++;
            } else {
                kept.add(f);
            }
        }
        return new Applied(kept, accepted);
    }

    private static String key(String rule, String migration, String file, String message) {
        return rule + '\0' + (migration == null ? "" : migration) + '\0'
                + (file == null ? "" : file.replace('\\', '/')) + '\0' + message;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
