package dev.schemaguard.finding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every rule SchemaGuard may report, found where the rules live: each class annotated with {@link RuleSpec} in the
 * package of a {@link RuleKind}, as the build indexed them ({@link RuleIndex}). Adding a rule is adding its class;
 * nothing registers it. The ids are a public contract: configuration, suppressions and CI integrations name them.
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
            if (role.isAssignableFrom(type)) {
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
     * One instance of every rule class of a kind, sorted by id. Every rule of the kind must do the {@code role};
     * that every class of the kind's package that does it is a rule (has its {@link RuleSpec}) is a test's to check.
     */
    public static <T> List<T> instances(RuleKind kind, Class<T> role) {
        List<T> rules = new ArrayList<>();
        for (Class<?> type : Found.CLASSES.get(kind)) {
            if (!role.isAssignableFrom(type) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                throw new IllegalStateException(type.getName() + " has a @RuleSpec but is no " + role.getName());
            }
            rules.add(role.cast(instance(type)));
        }
        rules.sort(Comparator.comparing(rule -> of(rule.getClass()).id()));
        return rules;
    }

    /** Where the build writes the index of the rules ({@link RuleIndex}), beside this class. */
    static final String INDEX = "dev/schemaguard/finding/rules.tsv";

    /** The rules of the index the build wrote, once per JVM. */
    private static final class Found {
        static final Map<String, Entry> BY_ID = new TreeMap<>();
        static final Map<RuleKind, List<Class<?>>> CLASSES = new EnumMap<>(RuleKind.class);
        static final Map<Class<?>, Entry> BY_CLASS = new HashMap<>();

        static {
            for (RuleKind kind : RuleKind.values()) {
                CLASSES.put(kind, new ArrayList<>());
            }
            ClassLoader loader = RuleCatalogue.class.getClassLoader();
            for (String line : index(loader)) {
                String[] field = line.split("\t", -1);
                RuleKind kind = RuleKind.valueOf(field[0]);
                Class<?> type;
                try {
                    type = Class.forName(field[4], false, loader);
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException("cannot load rule class " + field[4], e);
                }
                Entry entry = new Entry(field[1], RuleGroup.valueOf(field[2]), kind, Severity.valueOf(field[3]),
                        field[5], field[6], type);
                BY_ID.put(entry.id(), entry);
                BY_CLASS.put(type, entry);
                CLASSES.get(kind).add(type);
            }
        }

        private static List<String> index(ClassLoader loader) {
            try (InputStream in = loader.getResourceAsStream(INDEX)) {
                if (in == null) {
                    throw new IllegalStateException(INDEX + " is missing: the build writes it (RuleIndex)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
