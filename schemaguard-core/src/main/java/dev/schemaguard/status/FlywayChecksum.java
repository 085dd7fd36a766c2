package dev.schemaguard.status;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway stores for a SQL migration, computed as Flyway's {@code ChecksumCalculator} does: one CRC-32
 * over the UTF-8 bytes of every line with its line ending removed ({@code \n}, {@code \r\n} or {@code \r}, as
 * {@code BufferedReader.readLine} splits), a byte order mark removed from the first line, the result as a signed
 * 32-bit integer. Line endings and blank lines therefore do not change it; any other character does.
 */
public final class FlywayChecksum {

    private FlywayChecksum() {
    }

    /** The checksum of a migration file's text (decoded as UTF-8, Flyway's default encoding). */
    public static int of(String text) {
        CRC32 crc = new CRC32();
        int start = text.startsWith("\uFEFF") ? 1 : 0;
        int i = start;
        while (i < text.length()) {
            char ch = text.charAt(i);
            if (ch == '\n' || ch == '\r') {
                crc.update(text.substring(start, i).getBytes(StandardCharsets.UTF_8));
                i += ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        crc.update(text.substring(start).getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }
}
