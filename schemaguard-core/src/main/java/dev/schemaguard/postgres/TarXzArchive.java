package dev.schemaguard.postgres;

import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Extracts a {@code .txz} (an xz-compressed tar) into a folder: regular files with their permission bits,
 * folders, symbolic and hard links; POSIX ustar, GNU long names and PAX path headers. Entries that would land
 * outside the folder are refused.
 */
final class TarXzArchive {

    private static final int BLOCK = 512;

    private TarXzArchive() {
    }

    static void extract(InputStream compressed, Path target) throws IOException {
        try (InputStream in = new BufferedInputStream(new XZInputStream(new BufferedInputStream(compressed, 1 << 16)),
                1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            String longLink = null;
            while (readFully(in, header)) {
                if (isZeroBlock(header)) {
                    return;
                }
                String name = longName != null ? longName : name(header);
                String link = longLink != null ? longLink : string(header, 157, 100);
                longName = null;
                longLink = null;
                char type = (char) header[156];
                long size = size(header);
                switch (type) {
                    case 'L' -> longName = trimNul(new String(readBytes(in, size), StandardCharsets.UTF_8));
                    case 'K' -> longLink = trimNul(new String(readBytes(in, size), StandardCharsets.UTF_8));
                    case 'x' -> {
                        String pax = new String(readBytes(in, size), StandardCharsets.UTF_8);
                        longName = paxValue(pax, "path");
                        longLink = paxValue(pax, "linkpath");
                    }
                    case 'g' -> skip(in, size);
                    case '5' -> Files.createDirectories(inside(target, name));
                    case '2' -> {
                        Path path = inside(target, name);
                        Files.createDirectories(path.getParent());
                        Files.deleteIfExists(path);
                        Files.createSymbolicLink(path, Path.of(link));
                    }
                    case '1' -> {
                        Path path = inside(target, name);
                        Files.createDirectories(path.getParent());
                        Files.deleteIfExists(path);
                        Files.createLink(path, inside(target, link));
                    }
                    case '0', '\0', '7' -> {
                        Path path = inside(target, name);
                        Files.createDirectories(path.getParent());
                        try (OutputStream out = Files.newOutputStream(path)) {
                            copy(in, out, size);
                        }
                        skipPadding(in, size);
                        Files.setPosixFilePermissions(path, permissions(octal(header, 100, 8)));
                    }
                    default -> skip(in, size);
                }
            }
        }
    }

    private static Path inside(Path target, String name) throws IOException {
        Path path = target.resolve(name).normalize();
        if (!path.startsWith(target.normalize())) {
            throw new IOException("archive entry " + name + " points outside the extraction folder");
        }
        return path;
    }

    private static String name(byte[] header) {
        String name = string(header, 0, 100);
        boolean ustar = string(header, 257, 5).equals("ustar");
        String prefix = ustar ? string(header, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxValue(String pax, String key) {
        // Records are "<length> <key>=<value>\n".
        for (String record : pax.split("\n")) {
            int space = record.indexOf(' ');
            if (space > 0 && record.startsWith(key + "=", space + 1)) {
                return record.substring(space + 2 + key.length());
            }
        }
        return null;
    }

    private static long size(byte[] header) {
        if ((header[124] & 0x80) != 0) {
            long size = 0;
            for (int i = 125; i < 136; i++) {
                size = size << 8 | header[i] & 0xff;
            }
            return size;
        }
        return octal(header, 124, 12);
    }

    private static long octal(byte[] header, int offset, int length) {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = header[i];
            if (b >= '0' && b <= '7') {
                value = value * 8 + (b - '0');
            } else if (value > 0 || b == 0) {
                break;
            }
        }
        return value;
    }

    private static Set<PosixFilePermission> permissions(long mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode >> i & 1) != 0) {
                set.add(bits[i]);
            }
        }
        set.add(PosixFilePermission.OWNER_READ);
        set.add(PosixFilePermission.OWNER_WRITE);
        return set;
    }

    private static String string(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static String trimNul(String s) {
        int nul = s.indexOf('\0');
        return nul < 0 ? s : s.substring(0, nul);
    }

    private static boolean isZeroBlock(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean readFully(InputStream in, byte[] buffer) throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read == 0) {
            return false;
        }
        if (read < buffer.length) {
            throw new IOException("truncated archive");
        }
        return true;
    }

    private static byte[] readBytes(InputStream in, long size) throws IOException {
        byte[] bytes = in.readNBytes((int) size);
        skipPadding(in, size);
        return bytes;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("truncated archive");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long size) throws IOException {
        in.skipNBytes(size);
        skipPadding(in, size);
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long remainder = size % BLOCK;
        if (remainder != 0) {
            in.skipNBytes(BLOCK - remainder);
        }
    }
}
