package dev.schemaguard.postgres;

import dev.schemaguard.io.InputException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A PostgreSQL server address as users write it: a URL ({@code postgresql://user:secret@host:5432/db?sslmode=require},
 * {@code postgres://...}, {@code jdbc:postgresql://...}) or libpq's keyword/value form ({@code host=db dbname=app}),
 * completed as libpq completes it: from the service file ({@code service=} or PGSERVICE), then the environment
 * (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, PGSSLMODE, ...), then the password file (PGPASSFILE or
 * {@code ~/.pgpass}), so that no password has to be written on a command line. A host that starts with {@code /}
 * is the directory of the server's Unix socket.
 *
 * <p>The password never leaves this class in text: {@link #toString()} and every message show the address without it.
 */
public final class DatabaseUrl {

    /** The socket directories libpq builds look in when no host is given (Debian's, then upstream's). */
    private static final List<String> DEFAULT_SOCKET_DIRECTORIES = List.of("/var/run/postgresql", "/run/postgresql", "/tmp");
    /** libpq's keywords and the environment variable that stands in for each when the address leaves it out. */
    private static final Map<String, String> ENVIRONMENT = orderedMap(
            "host", "PGHOST", "hostaddr", "PGHOSTADDR", "port", "PGPORT", "dbname", "PGDATABASE", "user", "PGUSER",
            "password", "PGPASSWORD", "passfile", "PGPASSFILE", "sslmode", "PGSSLMODE", "sslrootcert", "PGSSLROOTCERT",
            "sslcert", "PGSSLCERT", "sslkey", "PGSSLKEY", "options", "PGOPTIONS", "application_name", "PGAPPNAME",
            "connect_timeout", "PGCONNECT_TIMEOUT", "target_session_attrs", "PGTARGETSESSIONATTRS",
            "gssencmode", "PGGSSENCMODE", "channel_binding", "PGCHANNELBINDING");
    /** Keywords libpq understands beyond the address itself: passed on to libpq clients (the Alembic driver). */
    private static final Set<String> LIBPQ_PARAMETERS = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey",
            "options", "application_name", "connect_timeout", "target_session_attrs", "gssencmode", "channel_binding");
    private static final String FORM = "write it as postgresql://user[:password]@host[:port]/database, or leave parts "
            + "out and set them as libpq does (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass, PGDATABASE, PGSERVICE)";

    private final String user;
    private final String password;
    private final String host;
    private final int port;
    private final String database;
    /** Further keywords: libpq's names, or the JDBC driver's own properties from a jdbc: URL. */
    private final Map<String, String> parameters;
    /** Why a password file that exists was not read, shown when the connection fails; {@code null} otherwise. */
    private final String passwordNote;

    private DatabaseUrl(String user, String password, String host, int port, String database,
                        Map<String, String> parameters, String passwordNote) {
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.database = database;
        this.parameters = Map.copyOf(parameters);
        this.passwordNote = passwordNote;
    }

    /**
     * Reads an address and completes it from this process's environment as libpq would; a malformed one is an
     * {@link InputException} that does not repeat it (it may hold a password).
     */
    public static DatabaseUrl parse(String text) {
        return parse(text, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** As {@link #parse(String)}, with the environment variables and home folder given. */
    static DatabaseUrl parse(String text, Map<String, String> environment, Path home) {
        String trimmed = text.trim();
        Map<String, String> keywords;
        if (trimmed.contains("://")) {
            keywords = uriKeywords(trimmed);
        } else if (trimmed.contains("=")) {
            keywords = ConnectionString.keywords(trimmed);
        } else {
            throw new InputException("the database URL is not a PostgreSQL URL; " + FORM);
        }
        return complete(keywords, environment, home);
    }

    /** The address of the server's Unix socket in {@code directory}, as a server SchemaGuard started itself has. */
    static DatabaseUrl socket(Path directory, int port, String user, String database) {
        return new DatabaseUrl(user, null, directory.toString(), port, database, Map.of(), null);
    }

    /** The same server and credentials, another database on it. */
    public DatabaseUrl withDatabase(String name) {
        return new DatabaseUrl(user, password, host, port, name, parameters, passwordNote);
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    /** A host name, an address, or the directory of the server's Unix socket ({@link #isSocket()}). */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** Whether the server is reached through a Unix socket in the directory {@link #host()}. */
    public boolean isSocket() {
        return host.startsWith("/");
    }

    /** The Unix socket file, for a socket address. */
    Path socketFile() {
        return Path.of(host, ".s.PGSQL." + port);
    }

    /** The JDBC URL, without credentials (they travel in {@link #properties()}). */
    public String jdbcUrl() {
        // A socket connection goes through UnixSocketFactory, which ignores the host the driver is given.
        return "jdbc:postgresql://" + (isSocket() ? "localhost" : host) + ":" + port + "/" + encodePath(database);
    }

    /** Credentials and connection parameters for the JDBC driver. */
    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("ApplicationName", "schemaguard");
        parameters.forEach((keyword, value) -> {
            switch (keyword) {
                case "application_name" -> p.setProperty("ApplicationName", value);
                case "connect_timeout" -> p.setProperty("connectTimeout", value);
                case "gssencmode" -> p.setProperty("gssEncMode", value);
                case "channel_binding" -> p.setProperty("channelBinding", value);
                case "target_session_attrs" -> p.setProperty("targetServerType", switch (value) {
                    case "read-write", "primary" -> "primary";
                    case "read-only", "standby" -> "secondary";
                    case "prefer-standby" -> "preferSecondary";
                    default -> "any";
                });
                case "hostaddr", "passfile", "service" -> {
                    // Used while the address was completed; nothing for the driver.
                }
                default -> p.setProperty(keyword, value);
            }
        });
        if (isSocket()) {
            // libpq uses neither SSL nor GSS encryption on a Unix socket: the server would refuse them there.
            p.setProperty("socketFactory", UnixSocketFactory.class.getName());
            p.setProperty("socketFactoryArg", socketFile().toString());
            p.setProperty("sslmode", "disable");
            p.setProperty("gssEncMode", "disable");
        }
        return p;
    }

    /** The connection keywords a libpq client takes as they are (sslmode, options, ...), without the address. */
    public Map<String, String> libpqParameters() {
        Map<String, String> libpq = new LinkedHashMap<>();
        parameters.forEach((keyword, value) -> {
            if (LIBPQ_PARAMETERS.contains(keyword)) {
                libpq.put(keyword, value);
            }
        });
        return libpq;
    }

    /** Why the password file was not read, or {@code null}: said when a connection fails. */
    String passwordNote() {
        return passwordNote;
    }

    /** The address without its password, safe to print; it reads back to the same address. */
    @Override
    public String toString() {
        if (isSocket()) {
            return "postgresql://" + user + "@:" + port + "/" + database + "?host=" + host;
        }
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    /** Any text that may hold a URL or a keyword/value string with a password, with the password masked. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        // The password runs to the last @ of the address, as the parser reads it: it may hold @ and / itself. A user
        // name holds no '[', so the form shown in help texts (postgresql://user[:password]@host) is left as it is.
        return text.replaceAll("([a-zA-Z][a-zA-Z0-9+.-]*://[^:/\\s\\[]*):\\S*@", "$1:***@")
                .replaceAll("(?i)(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^&\\s]*)", "$1***");
    }

    /**
     * The keywords of a URL: {@code scheme://[user[:password]@][host][:port][/database][?keyword=value&...]}. The user
     * information runs to the last {@code @} before the query, so a password may hold {@code @} and {@code /}.
     */
    private static Map<String, String> uriKeywords(String text) {
        int schemeEnd = text.indexOf("://");
        String scheme = text.substring(0, schemeEnd);
        if (!List.of("postgresql", "postgres", "jdbc:postgresql").contains(scheme)) {
            throw new InputException("the database URL is not a PostgreSQL URL; " + FORM);
        }
        String rest = text.substring(schemeEnd + 3);
        int queryStart = rest.indexOf('?');
        String main = queryStart < 0 ? rest : rest.substring(0, queryStart);
        Map<String, String> keywords = new LinkedHashMap<>();
        int at = main.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = main.substring(0, at);
            main = main.substring(at + 1);
            int colon = userInfo.indexOf(':');
            keywords.put("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                keywords.put("password", decode(userInfo.substring(colon + 1)));
            }
        }
        int slash = main.indexOf('/');
        String hostPort = slash < 0 ? main : main.substring(0, slash);
        if (slash >= 0) {
            keywords.put("dbname", decode(main.substring(slash + 1)));
        }
        String host = hostPort;
        String port = null;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            String after = close < 0 ? "?" : hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw new InputException("the database URL is not a PostgreSQL URL (an IPv6 host is written [::1]); "
                        + FORM);
            }
            host = hostPort.substring(0, close + 1);
            port = after.isEmpty() ? null : after.substring(1);
        } else if (hostPort.indexOf(':') >= 0) {
            host = hostPort.substring(0, hostPort.indexOf(':'));
            port = hostPort.substring(hostPort.indexOf(':') + 1);
        }
        keywords.put("host", decode(host));
        if (port != null) {
            keywords.put("port", port);
        }
        if (queryStart >= 0) {
            for (String pair : rest.substring(queryStart + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String key = decode(eq < 0 ? pair : pair.substring(0, eq));
                keywords.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return keywords;
    }

    /** Fills in what the address leaves out, in libpq's order: service file, environment, defaults, password file. */
    private static DatabaseUrl complete(Map<String, String> given, Map<String, String> environment, Path home) {
        Map<String, String> keywords = new LinkedHashMap<>();
        given.forEach((keyword, value) -> {
            // libpq takes an empty value as not given.
            if (value != null && !value.isEmpty()) {
                keywords.put(keyword, value);
            }
        });
        String service = keywords.containsKey("service") ? keywords.get("service") : nonEmpty(environment.get("PGSERVICE"));
        if (service != null) {
            ConnectionString.service(service, environment, home).forEach(keywords::putIfAbsent);
        }
        ENVIRONMENT.forEach((keyword, variable) -> {
            String value = nonEmpty(environment.get(variable));
            if (value != null) {
                keywords.putIfAbsent(keyword, value);
            }
        });
        String user = keywords.containsKey("user") ? keywords.remove("user") : System.getProperty("user.name");
        int port = port(keywords.remove("port"));
        String hostAddress = keywords.remove("hostaddr");
        String host = keywords.remove("host");
        if (host == null) {
            host = hostAddress != null ? hostAddress : defaultHost(port);
        }
        String database = keywords.containsKey("dbname") ? keywords.remove("dbname") : user;
        String password = keywords.remove("password");
        String note = null;
        if (password == null) {
            String passfile = keywords.get("passfile");
            PasswordFile.Lookup found = PasswordFile.lookup(passfile != null ? Path.of(passfile) : home.resolve(".pgpass"),
                    passwordFileHost(host), port, database, user);
            password = found.password();
            note = found.note();
        }
        return new DatabaseUrl(user, password, host, port, database, keywords, note);
    }

    private static int port(String text) {
        if (text == null) {
            return 5432;
        }
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            // The text is not repeated: in a mistyped URL it may be part of the password.
            throw new InputException("the database URL's port is not a number from 1 to 65535; " + FORM);
        }
        return Integer.parseInt(text);
    }

    /** libpq's default: the Unix socket of a local server where there is one, else localhost. */
    private static String defaultHost(int port) {
        for (String directory : DEFAULT_SOCKET_DIRECTORIES) {
            if (Files.exists(Path.of(directory, ".s.PGSQL." + port))) {
                return directory;
            }
        }
        return "localhost";
    }

    /** In the password file, a connection through the default socket directory is one to localhost. */
    private static String passwordFileHost(String host) {
        return DEFAULT_SOCKET_DIRECTORIES.contains(host) ? "localhost" : host;
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String decode(String s) {
        try {
            // '+' is a plus in a URL's user, password and path, not a space.
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InputException("the database URL has a malformed %-escape; " + FORM);
        }
    }

    private static String encodePath(String s) {
        return s.replace("%", "%25").replace("/", "%2F").replace("?", "%3F").replace("#", "%23");
    }
}
