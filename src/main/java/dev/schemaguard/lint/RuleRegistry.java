package dev.schemaguard.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds every rule: each concrete {@link Rule} class in {@code dev.schemaguard.lint.rules}, from the
 * jar or from the class folder. Adding a rule is adding its class; nothing registers it.
 */
public final class RuleRegistry {

    private static final String PACKAGE = "dev.schemaguard.lint.rules";

    private RuleRegistry() {
    }

    /** One instance of every rule, sorted by id. */
    public static List<Rule> all() {
        List<Rule> rules = new ArrayList<>();
        for (String className : classNames()) {
            try {
                Class<?> type = Class.forName(className, true, RuleRegistry.class.getClassLoader());
                if (Rule.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers())
                        && !type.isInterface() && type.getEnclosingClass() == null) {
                    rules.add((Rule) type.getDeclaredConstructor().newInstance());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot instantiate rule " + className, e);
            }
        }
        rules.sort(Comparator.comparing(Rule::id));
        return rules;
    }

    private static TreeSet<String> classNames() {
        TreeSet<String> names = new TreeSet<>();
        String path = PACKAGE.replace('.', '/');
        try {
            Enumeration<URL> roots = RuleRegistry.class.getClassLoader().getResources(path);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        jar.stream().map(JarEntry::getName)
                                .filter(n -> n.startsWith(path + "/") && n.endsWith(".class") && !n.contains("$")
                                        && n.indexOf('/', path.length() + 1) < 0)
                                .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
                    }
                } else if (root.getProtocol().equals("file")) {
                    try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                        files.map(f -> f.getFileName().toString())
                                .filter(n -> n.endsWith(".class") && !n.contains("$"))
                                .forEach(n -> names.add(PACKAGE + "." + n.substring(0, n.length() - 6)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }
}
