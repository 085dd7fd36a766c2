package dev.schemaguard.lint;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Work done ahead on helper threads comes back in order, each item made once, failures where they happened. */
class WorkAheadTest {

    private static final List<Integer> ITEMS = IntStream.range(0, 5_000).boxed().toList();

    @Test
    void resultsComeInOrderWithEachItemMadeOnce() {
        for (int helpers : new int[] {0, 1, 3}) {
            Set<Integer> made = ConcurrentHashMap.newKeySet();
            try (WorkAhead<Integer, String> ahead = new WorkAhead<>(ITEMS, i -> {
                assertThat(made.add(i)).as("item %d made twice", i).isTrue();
                return "item " + i;
            }, helpers, 16)) {
                for (int i = 0; i < ITEMS.size(); i++) {
                    assertThat(ahead.take(i)).isEqualTo("item " + i);
                }
            }
            assertThat(made).hasSize(ITEMS.size());
        }
    }

    @Test
    void aFailureIsThrownWhenItsItemIsTakenNotBefore() {
        try (WorkAhead<Integer, Integer> ahead = new WorkAhead<>(ITEMS, i -> {
            if (i == 1_000) {
                throw new IllegalArgumentException("item 1000 is bad");
            }
            return i;
        }, 2, 64)) {
            for (int i = 0; i < 1_000; i++) {
                assertThat(ahead.take(i)).isEqualTo(i);
            }
            assertThatThrownBy(() -> ahead.take(1_000)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("item 1000 is bad");
        }
    }

    @Test
    void helpersStayWithinTheWindow() {
        int window = 8;
        int[] taken = {0};
        try (WorkAhead<Integer, Integer> ahead = new WorkAhead<>(ITEMS, i -> {
            assertThat(i).isLessThan(taken[0] + window + 1);
            return i;
        }, 2, window)) {
            for (int i = 0; i < 500; i++) {
                taken[0] = i;
                assertThat(ahead.take(i)).isEqualTo(i);
            }
        }
    }
}
