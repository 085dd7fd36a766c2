package dev.schemaguard.consumers;

import java.util.HashMap;
import java.util.Map;

/**
 * Where the consumers are declared: the configuration file, as shown to users, and the line of each consumer's name.
 *
 * @param file  the configuration file, relative to the project
 * @param lines each consumer's line in it
 */
public record ConsumerDeclarations(String file, Map<String, Integer> lines) {

    public ConsumerDeclarations {
        lines = Map.copyOf(lines);
    }

    /** The declarations in configuration text: each {@code name:} line of the {@code consumers:} section. */
    public static ConsumerDeclarations in(String file, String text) {
        Map<String, Integer> lines = new HashMap<>();
        String[] all = text.split("\n", -1);
        boolean inConsumers = false;
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("-")) {
                inConsumers = line.startsWith("consumers:");
                continue;
            }
            String item = line.strip().replaceFirst("^- ", "");
            if (inConsumers && item.startsWith("name:")) {
                String name = item.substring("name:".length()).replaceFirst("\\s+#.*$", "").strip()
                        .replaceAll("^[\"']|[\"']$", "");
                lines.putIfAbsent(name, i + 1);
            }
        }
        return new ConsumerDeclarations(file, lines);
    }

    /** The line of the consumer's declaration, or 0 when it cannot be told. */
    public int lineOf(String consumer) {
        return lines.getOrDefault(consumer, 0);
    }
}
