package dev.schemaguard.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of SchemaGuard and where it lives, from the build. */
public final class Version {

    private static final Properties BUILD = load();

    private Version() {
    }

    public static String get() {
        return BUILD.getProperty("version", "unknown");
    }

    /** SchemaGuard's home page: its source repository. */
    public static String home() {
        return BUILD.getProperty("home", "");
    }

    /** The web address of a rule's document in SchemaGuard's repository. */
    public static String ruleDocument(String rule) {
        return home() + "/blob/main/schemaguard-core/src/main/resources/dev/schemaguard/rules/" + rule + ".md";
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/schemaguard/version.properties")) {
            if (in != null) {
                p.load(in);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
