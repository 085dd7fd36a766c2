package dev.schemaguard.finding;

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
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every rule SchemaGuard may report, found where the rules live: each class annotated with {@link RuleSpec} in the
 * package of a {@link RuleKind}, from the jar or from the class folder. Adding a rule is adding its class; nothing
 * registers it. The ids are a public contract: configuration, suppressions and CI integrations name them.
 */
public final class RuleCatalogue {

    /**
     * A rule as its {@link RuleSpec} declares it.
     *
     * @param kind the analysis that judges it, from the package its class is in
     * @param type the class that judges it
     */
    public record Entry(String id, RuleGroup group, RuleKind kind, Severity severity, String summary,
                        String otherwise, Class<?> type) {

        /** "Default severity: error; info when .... Found by: graph analysis." */
        public String severityLine() {
            return "Default severity: " + severity.label() + (otherwise.isEmpty() ? "" : "; " + otherwise)
                    + ". Found by: " + kind.foundBy() + ".";
        }
    }

    private RuleCatalogue() {
    }

    /** Whether {@code id} is a rule of the catalogue. */
    public static boolean contains(String id) {
        return Found.BY_ID.containsKey(id);
    }

    /** Every rule id, sorted. */
    public static List<String> ids() {
        return List.copyOf(Found.BY_ID.keySet());
    }

    /** Every rule, sorted by id. */
    public static List<Entry> entries() {
        return List.copyOf(Found.BY_ID.values());
    }

    /** The rule with this id. */
    public static Entry get(String id) {
        Entry entry = Found.BY_ID.get(id);
        if (entry == null) {
            throw new IllegalArgumentException("not a rule: " + id);
        }
        return entry;
    }

    /** The rule a class judges. */
    public static Entry of(Class<?> ruleClass) {
        Entry entry = Found.BY_CLASS.get(ruleClass);
        if (entry == null) {
            throw new IllegalArgumentException(ruleClass.getName() + " is no rule: it has no @RuleSpec in a rule package");
        }
        return entry;
    }

    /**
     * One instance of each rule of a kind that also plays a second {@code role}: a rehearsal rule that judges a fact
     * of the files as well, for the static analysis to run too.
     */
    public static <T> List<T> alsoPlaying(RuleKind kind, Class<T> role) {
        List<T> rules = new ArrayList<>();
        for (Class<?> type : Found.CLASSES.get(kind)) {
            if (type.isAnnotationPresent(RuleSpec.class) && role.isAssignableFrom(type)) {
                rules.add(role.cast(instance(type)));
            }
        }
        return rules;
    }

    private static Object instance(Class<?> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate rule " + type.getName(), e);
        }
    }

    /**
     * One instance of every rule class of a kind, sorted by id. Each class of the kind's package that does the
     * {@code role} (and is concrete and top-level) is a rule and must say which: a class without its
     * {@link RuleSpec} would otherwise never run, silently.
     */
    public static <T> List<T> instances(RuleKind kind, Class<T> role) {
        List<T> rules = new ArrayList<>();
        for (Class<?> type : Found.CLASSES.get(kind)) {
            boolean annotated = type.isAnnotationPresent(RuleSpec.class);
            boolean plays = role.isAssignableFrom(type) && !type.isInterface()
                    && !Modifier.isAbstract(type.getModifiers());
            if (annotated != plays) {
                throw new IllegalStateException(annotated ? type.getName() + " has a @RuleSpec but is no " + role.getName()
                        : type.getName() + " is a " + role.getSimpleName() + " without a @RuleSpec");
            }
            if (plays) {
                rules.add(role.cast(instance(type)));
            }
        }
        rules.sort(Comparator.comparing(rule -> of(rule.getClass()).id()));
        return rules;
    }

    /** What the scan of the rule packages found, once per JVM. */
    private static final class Found {
        static final Map<RuleKind, List<Class<?>>> CLASSES = scan();
        static final Map<String, Entry> BY_ID = entries(CLASSES);
        static final Map<Class<?>, Entry> BY_CLASS = byClass(BY_ID);

        private static Map<Class<?>, Entry> byClass(Map<String, Entry> byId) {
            Map<Class<?>, Entry> byClass = new HashMap<>();
            byId.values().forEach(entry -> byClass.put(entry.type(), entry));
            return byClass;
        }

        private static Map<String, Entry> entries(Map<RuleKind, List<Class<?>>> classes) {
            Map<String, Entry> byId = new TreeMap<>();
            classes.forEach((kind, types) -> {
                for (Class<?> type : types) {
                    RuleSpec spec = type.getAnnotation(RuleSpec.class);
                    if (spec == null) {
                        continue;
                    }
                    Entry entry = new Entry(spec.id(), spec.group(), kind, spec.severity(), spec.summary(),
                            spec.otherwise(), type);
                    Entry twice = byId.put(spec.id(), entry);
                    if (twice != null) {
                        throw new IllegalStateException("rule " + spec.id() + " is declared by both "
                                + twice.type().getName() + " and " + type.getName());
                    }
                }
            });
            return byId;
        }

        /** The top-level classes of each kind's package, in name order, loaded but not initialised. */
        private static Map<RuleKind, List<Class<?>>> scan() {
            Map<RuleKind, List<Class<?>>> classes = new EnumMap<>(RuleKind.class);
            ClassLoader loader = RuleCatalogue.class.getClassLoader();
            for (RuleKind kind : RuleKind.values()) {
                List<Class<?>> types = new ArrayList<>();
                for (String name : classNames(loader, kind.packageName())) {
                    try {
                        types.add(Class.forName(name, false, loader));
                    } catch (ClassNotFoundException e) {
                        throw new IllegalStateException("cannot load rule class " + name, e);
                    }
                }
                classes.put(kind, List.copyOf(types));
            }
            return classes;
        }

        private static TreeSet<String> classNames(ClassLoader loader, String packageName) {
            TreeSet<String> names = new TreeSet<>();
            String path = packageName.replace('.', '/');
            try {
                Enumeration<URL> roots = loader.getResources(path);
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
                                    .forEach(n -> names.add(packageName + "." + n.substring(0, n.length() - 6)));
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
}
