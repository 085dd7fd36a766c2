package dev.schemaguard.consumers;

import java.util.List;

/**
 * What {@link SqlExtractor} found in one source file.
 *
 * @param queries          the SQL the file sends, in source order
 * @param propertyAccesses the member reads outside strings and comments, in source order: which columns of a
 *                         star-selected table the code uses
 * @param calls            the calls outside SQL whose arguments hold names: helpers naming tables and columns
 * @param clientCalls       the Prisma client's model calls, read through the consumer's Prisma schema
 * @param problems         what could not be read (an unterminated string, an invalid escape); the scan went on past
 *                         each, so the rest of the file is still covered
 */
public record Extraction(List<ExtractedQuery> queries, List<PropertyAccess> propertyAccesses,
                         List<Call> calls, List<ClientCall> clientCalls, List<Problem> problems) {

    public Extraction {
        queries = List.copyOf(queries);
        propertyAccesses = List.copyOf(propertyAccesses);
        calls = List.copyOf(calls);
        clientCalls = List.copyOf(clientCalls);
        problems = List.copyOf(problems);
    }

    /**
     * Source text the extractor could not read as its language defines it.
     *
     * @param file    the file, as given to the extractor, with forward slashes
     * @param line    the line where the unreadable construct starts
     * @param message what is wrong
     */
    public record Problem(String file, int line, String message) {
    }
}
