package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A consumer's source file being scanned: its text, the lines of offsets in it, and the problems found so far. */
final class SourceText {

    /** Each thread's character buffer, reused file after file: most files are small, and there are many. */
    private static final ThreadLocal<char[]> BUFFERS = ThreadLocal.withInitial(() -> new char[1 << 16]);

    private final String file;
    private final String text;
    private char[] chars;
    private final List<Extraction.Problem> problems = new ArrayList<>();
    /** Offsets where lines start; built on first use, since most files need a line only for a few hits. */
    private int[] lineStarts;
    private int lineCount;
    /** The index in lineStarts of the last line looked up: lookups mostly move forward through a file. */
    private int lastLine;

    SourceText(String file, String text) {
        this.file = file;
        this.text = text;
    }

    String file() {
        return file;
    }

    String text() {
        return text;
    }

    /**
     * The text's characters, copied on first use into this thread's buffer (so past the text's length it holds
     * whatever an earlier file left) and shared by the lexers of the file's parts.
     */
    char[] chars() {
        if (chars == null) {
            char[] buffer = BUFFERS.get();
            if (buffer.length < text.length()) {
                buffer = new char[Math.max(text.length(), buffer.length * 2)];
                BUFFERS.set(buffer);
            }
            text.getChars(0, text.length(), buffer, 0);
            chars = buffer;
        }
        return chars;
    }

    List<Extraction.Problem> problems() {
        return problems;
    }

    void problem(int offset, String message) {
        problems.add(new Extraction.Problem(file, lineOf(offset), message));
    }

    /** The 1-based line of an offset. */
    int lineOf(int offset) {
        if (lineStarts == null) {
            indexLines();
        }
        int line = lastLine;
        if (offset >= lineStarts[line]) {
            // Forward from the last lookup, a few lines at most in a scan that moves through the file.
            int steps = 0;
            while (line + 1 < lineCount && lineStarts[line + 1] <= offset && steps < 16) {
                line++;
                steps++;
            }
            if (line + 1 >= lineCount || lineStarts[line + 1] > offset) {
                lastLine = line;
                return line + 1;
            }
        }
        int found = Arrays.binarySearch(lineStarts, 0, lineCount, offset);
        lastLine = found >= 0 ? found : -found - 2;
        return lastLine + 1;
    }

    /** The offset where a 1-based line starts. */
    int lineStart(int line) {
        if (lineStarts == null) {
            indexLines();
        }
        return lineStarts[Math.max(0, Math.min(line, lineCount) - 1)];
    }

    private void indexLines() {
        int[] starts = new int[Math.max(16, text.length() / 32)];
        int count = 1;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = nl + 1;
        }
        lineStarts = starts;
        lineCount = count;
    }
}
