package dev.schemaguard.consumers;

import java.util.List;
import java.util.Map;

/**
 * What a consumer's SQL reads and writes.
 *
 * @param references    the tables and columns of the schema the SQL reads or writes, each once, in the order the SQL
 *                      first names them
 * @param unknownTables the tables the SQL uses that the schema does not have: the consumer's own tables (or system
 *                      catalogs), which no migration can break; each once, in first-use order
 * @param problems      what could not be resolved, where; a reference it hides is left out rather than guessed
 * @param lines         for each reference, the line of the SQL text (from 1) where it is first named, when known
 */
public record Resolution(List<Reference> references, List<String> unknownTables, List<Problem> problems,
                         Map<Reference, Integer> lines) {

    public Resolution {
        references = List.copyOf(references);
        unknownTables = List.copyOf(unknownTables);
        problems = List.copyOf(problems);
        lines = Map.copyOf(lines);
    }

    public Resolution(List<Reference> references, List<String> unknownTables, List<Problem> problems) {
        this(references, unknownTables, problems, Map.of());
    }

    /** The line of the SQL text (from 1) where the reference is first named, or 0 when the resolver did not see it. */
    public int lineOf(Reference reference) {
        return lines.getOrDefault(reference, 0);
    }

    /**
     * Something in the SQL the resolver could not analyse.
     *
     * @param line    the line of the SQL text where it is, counted from 1 at the text's first line (add the query's
     *                own line in its file, minus one, to get a file line)
     * @param message what could not be resolved and why
     */
    public record Problem(int line, String message) {
    }
}
