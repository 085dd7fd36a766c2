package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code <script>} blocks of a Svelte or Vue component: the only part of it that is code. */
final class ScriptBlocks {

    /**
     * One block's content.
     *
     * @param start      the offset just after the opening tag
     * @param end        the offset of the closing tag (the end of the file when there is none)
     * @param typescript whether its {@code lang} is TypeScript
     */
    record Block(int start, int end, boolean typescript) {
    }

    private ScriptBlocks() {
    }

    static List<Block> find(SourceText source) {
        String text = source.text();
        List<Block> blocks = new ArrayList<>();
        int from = 0;
        for (int open = indexOfTag(text, "<script", from); open >= 0; open = indexOfTag(text, "<script", from)) {
            int tagEnd = tagEnd(text, open + 7);
            if (tagEnd < 0) {
                source.problem(open, "unterminated <script> tag");
                break;
            }
            String attributes = text.substring(open + 7, tagEnd);
            int close = indexOfTag(text, "</script", tagEnd + 1);
            if (close < 0) {
                source.problem(open, "<script> block without </script>");
                close = text.length();
            }
            blocks.add(new Block(tagEnd + 1, close, isTypeScript(attributes)));
            from = close + 1;
        }
        return blocks;
    }

    /** The next {@code <script} or {@code </script} (any case) that is a whole tag name, from {@code from}. */
    private static int indexOfTag(String text, String tag, int from) {
        for (int p = text.indexOf('<', from); p >= 0; p = text.indexOf('<', p + 1)) {
            int after = p + tag.length();
            if (text.regionMatches(true, p, tag, 0, tag.length())
                    && (after >= text.length() || !Character.isLetterOrDigit(text.charAt(after))
                    && text.charAt(after) != '-')) {
                return p;
            }
        }
        return -1;
    }

    /** The offset of the {@code >} that ends a tag whose attributes start at {@code p}, quoted values skipped. */
    private static int tagEnd(String text, int p) {
        char quote = 0;
        for (int i = p; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isTypeScript(String attributes) {
        String compact = attributes.replace(" ", "").replace("'", "\"").toLowerCase(Locale.ROOT);
        return compact.contains("lang=\"ts\"") || compact.contains("lang=\"typescript\"")
                || compact.contains("lang=ts");
    }
}
