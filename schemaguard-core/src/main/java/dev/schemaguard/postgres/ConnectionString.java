package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** libpq's keyword/value connection strings ({@code host=db port=5433 dbname='my app'}) and its service file. */
final class ConnectionString {

    private ConnectionString() {
    }

    /** The keywords of a string such as {@code host=/var/run/postgresql dbname=app}. */
    static Map<String, String> keywords(String text) {
        Map<String, String> keywords = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == n) {
                return keywords;
            }
            int keyStart = i;
            while (i < n && text.charAt(i) != '=' && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            String key = text.substring(keyStart, i);
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == n || text.charAt(i) != '=') {
                throw new InputException("the connection string has no '=' after '" + key + "'; write it as "
                        + "keyword=value pairs (host=db.internal dbname=app) or as a postgresql:// URL");
            }
            i++;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '\'') {
                i++;
                while (i < n && text.charAt(i) != '\'') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                if (i == n) {
                    throw new InputException("the connection string has an unterminated quoted value after '" + key
                            + "'");
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
            }
            keywords.put(key, value.toString());
        }
    }

    /**
     * The keywords of a service: its section in the user's service file (PGSERVICEFILE or
     * {@code ~/.pg_service.conf}), else in the system's ({@code pg_service.conf} in PGSYSCONFDIR, or Debian's
     * {@code /etc/postgresql-common}), as libpq looks them up.
     */
    static Map<String, String> service(String name, Map<String, String> environment, Path home) {
        List<Path> files = new ArrayList<>();
        String userFile = environment.get("PGSERVICEFILE");
        files.add(userFile != null && !userFile.isEmpty() ? Path.of(userFile) : home.resolve(".pg_service.conf"));
        String sysconf = environment.get("PGSYSCONFDIR");
        files.add(Path.of(sysconf != null && !sysconf.isEmpty() ? sysconf : "/etc/postgresql-common", "pg_service.conf"));
        for (Path file : files) {
            Map<String, String> section = section(file, name);
            if (section != null) {
                return section;
            }
        }
        throw new InputException("the connection service '" + name + "' is defined in neither " + files.get(0)
                + " nor " + files.get(1));
    }

    /** The keywords of {@code [name]} in a service file, or {@code null} when the file or the section is missing. */
    private static Map<String, String> section(Path file, String name) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InputException(file, "cannot read the connection service file: " + e.getMessage());
        }
        Map<String, String> section = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                if (section != null) {
                    return section;
                }
                if (line.substring(1, line.length() - 1).equals(name)) {
                    section = new LinkedHashMap<>();
                }
            } else if (section != null) {
                int eq = line.indexOf('=');
                if (eq < 0) {
                    throw new InputException(file, "a line of service " + name + " is not keyword=value");
                }
                section.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return section;
    }
}
