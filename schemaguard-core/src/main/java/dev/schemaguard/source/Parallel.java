package dev.schemaguard.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Reads many files on every core while keeping the result, and the error reported, deterministic:
 * results come back in input order, and when several files are bad the first one in order is reported.
 */
final class Parallel {

    private Parallel() {
    }

    static <T, R> List<R> mapInOrder(List<T> inputs, BiFunction<T, Integer, R> work) {
        List<Object> outcomes = IntStream.range(0, inputs.size()).parallel()
                .mapToObj(i -> {
                    try {
                        return (Object) work.apply(inputs.get(i), i);
                    } catch (RuntimeException e) {
                        return e;
                    }
                })
                .toList();
        List<R> results = new ArrayList<>(outcomes.size());
        for (Object outcome : outcomes) {
            if (outcome instanceof RuntimeException e) {
                throw e;
            }
            @SuppressWarnings("unchecked")
            R result = (R) outcome;
            results.add(result);
        }
        return results;
    }
}
