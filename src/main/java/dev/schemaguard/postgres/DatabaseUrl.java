package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server address as users write it ({@code postgresql://user:secret@host:5432/db?sslmode=require},
 * {@code postgres://...} or {@code jdbc:postgresql://...}). The password never leaves this class in text:
 * {@link #toString()} and every message show the address without it.
 */
public final class DatabaseUrl {

    private static final Pattern URL = Pattern.compile(
            "(?:jdbc:)?postgres(?:ql)?://(?:(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@)?"
                    + "(?<host>\\[[^]]+]|[^:/?]*)(?::(?<port>\\d+))?(?:/(?<db>[^?]*))?(?:\\?(?<query>.*))?");

    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String database;
    private final Map<String, String> parameters;

    private DatabaseUrl(String user, String password, String host, int port, String database,
                        Map<String, String> parameters) {
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.database = database;
        this.parameters = Map.copyOf(parameters);
    }

    /** Reads a URL; a malformed one is an {@link InputException} that shows it without its password. */
    public static DatabaseUrl parse(String text) {
        Matcher m = URL.matcher(text.trim());
        if (!m.matches()) {
            throw new InputException("'" + redact(text) + "' is not a PostgreSQL URL; write it as "
                    + "postgresql://user[:password]@host[:port]/database");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        String user = decode(m.group("user"));
        String password = decode(m.group("password"));
        if (m.group("query") != null && !m.group("query").isEmpty()) {
            for (String pair : m.group("query").split("&")) {
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                switch (key) {
                    case "user" -> user = value;
                    case "password" -> password = value;
                    default -> parameters.put(key, value);
                }
            }
        }
        String host = m.group("host") == null || m.group("host").isEmpty() ? "localhost" : m.group("host");
        int port = m.group("port") == null ? 5432 : Integer.parseInt(m.group("port"));
        String db = m.group("db") == null || m.group("db").isEmpty() ? "postgres" : decode(m.group("db"));
        if (user == null || user.isEmpty()) {
            user = System.getProperty("user.name");
        }
        return new DatabaseUrl(user, password, host, port, db, parameters);
    }

    /** Builds the address of a server the process started itself. */
    public static DatabaseUrl local(int port, String user, String database) {
        return new DatabaseUrl(user, null, "127.0.0.1", port, database, Map.of());
    }

    /** The same server and credentials, another database on it. */
    public DatabaseUrl withDatabase(String name) {
        return new DatabaseUrl(user, password, host, port, name, parameters);
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The JDBC URL, without credentials (they travel in {@link #properties()}). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + encodePath(database);
    }

    /** Credentials and connection parameters for the driver. */
    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "schemaguard");
        parameters.forEach(p::setProperty);
        return p;
    }

    /** The address without its password, safe to print. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    /** Any text that may hold a URL with a password, with the password masked. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return text.replaceAll("([a-zA-Z][a-zA-Z0-9+.-]*://[^:@/\\s]*):[^@/\\s]*@", "$1:***@")
                .replaceAll("(?i)(password=)[^&\\s]*", "$1***");
    }

    private static String decode(String s) {
        return s == null ? null : URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encodePath(String s) {
        return s.replace("%", "%25").replace("/", "%2F").replace("?", "%3F").replace("#", "%23");
    }
}
