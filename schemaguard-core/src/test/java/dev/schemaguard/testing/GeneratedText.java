package dev.schemaguard.testing;

import java.util.Random;

/** Texts made of random pieces, for tests that compare a fast scan with the pattern it replaced. */
public final class GeneratedText {

    private GeneratedText() {
    }

    /** One to {@code most} pieces drawn by {@code random}, each followed by a space or not. */
    public static String of(Random random, String[] pieces, int most) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(most); n >= 0; n--) {
            text.append(pieces[random.nextInt(pieces.length)]);
            if (random.nextBoolean()) {
                text.append(' ');
            }
        }
        return text.toString();
    }
}
