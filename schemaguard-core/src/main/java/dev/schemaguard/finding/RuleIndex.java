package dev.schemaguard.finding;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes the index the {@link RuleCatalogue} reads: each class annotated with {@link RuleSpec} in the package of a
 * {@link RuleKind}, found among the compiled classes, with what its spec says. The build runs it after compiling, so
 * adding a rule is still adding its class; a run then reads one small file instead of scanning the jar's directory
 * and reading annotations (a proxy class generated for the annotation type, every rule class reflected over), which
 * cost a one-file lint a fifth of its start-up.
 *
 * <pre>java dev.schemaguard.finding.RuleIndex CLASSES_DIR</pre>
 */
public final class RuleIndex {

    private RuleIndex() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        Path classes = Path.of(args[0]);
        List<String> lines = new ArrayList<>();
        Map<String, String> declaredBy = new HashMap<>();
        for (RuleKind kind : RuleKind.values()) {
            for (String name : classNames(classes, kind.packageName())) {
                RuleSpec spec = Class.forName(name, false, RuleIndex.class.getClassLoader()).getAnnotation(RuleSpec.class);
                if (spec == null) {
                    continue;
                }
                String twice = declaredBy.put(spec.id(), name);
                if (twice != null) {
                    throw new IllegalStateException("rule " + spec.id() + " is declared by both " + twice + " and " + name);
                }
                lines.add(String.join("\t", kind.name(), spec.id(), spec.group().name(), spec.severity().name(), name,
                        field(name, spec.summary()), field(name, spec.otherwise())));
            }
        }
        Path index = classes.resolve(RuleCatalogue.INDEX);
        Files.createDirectories(index.getParent());
        Files.write(index, lines, StandardCharsets.UTF_8);
    }

    private static String field(String rule, String text) {
        if (text.contains("\t") || text.contains("\n")) {
            throw new IllegalStateException(rule + ": a rule's summary is one line without tabs");
        }
        return text;
    }

    /** The top-level classes of a package among the compiled classes, in name order. */
    public static SortedSet<String> classNames(Path classes, String packageName) throws IOException {
        SortedSet<String> names = new TreeSet<>();
        Path dir = classes.resolve(packageName.replace('.', '/'));
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .forEach(name -> names.add(packageName + "." + name.substring(0, name.length() - ".class".length())));
        }
        return names;
    }
}
