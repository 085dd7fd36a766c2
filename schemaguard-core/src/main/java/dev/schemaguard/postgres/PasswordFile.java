package dev.schemaguard.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * libpq's password file ({@code ~/.pgpass} or PGPASSFILE): lines of {@code host:port:database:user:password}, each
 * field {@code *} for any, {@code \:} and {@code \\} escaped, the first matching line winning. As libpq does, a file
 * that others may read or write is ignored: its passwords are no secret any more.
 */
final class PasswordFile {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /** The password found, or none with, when the file exists but was not read, why. */
    record Lookup(String password, String note) {
    }

    private PasswordFile() {
    }

    static Lookup lookup(Path file, String host, int port, String database, String user) {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, PosixFileAttributes.class);
        } catch (IOException | UnsupportedOperationException e) {
            return new Lookup(null, null);
        }
        if (!attributes.isRegularFile()) {
            return new Lookup(null, "the password file " + file + " is not a plain file, so it was not read");
        }
        if (attributes.permissions().stream().anyMatch(OTHERS::contains)) {
            return new Lookup(null, "the password file " + file + " was not read: it has group or world access; "
                    + "permissions should be u=rw (0600) or less (chmod 600 " + file + ")");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return new Lookup(null, "the password file " + file + " cannot be read: " + e.getMessage());
        }
        List<String> wanted = List.of(host, Integer.toString(port), database, user);
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = fields(line);
            if (fields.size() < 5) {
                continue;
            }
            boolean matches = true;
            for (int i = 0; i < 4 && matches; i++) {
                matches = fields.get(i).equals("*") || fields.get(i).equals(wanted.get(i));
            }
            if (matches) {
                return new Lookup(fields.get(4).isEmpty() ? null : fields.get(4), null);
            }
        }
        return new Lookup(null, null);
    }

    /** The five fields of a line, unescaped; the last one takes the rest of the line. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
