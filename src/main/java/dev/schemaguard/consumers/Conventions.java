package dev.schemaguard.consumers;

import dev.schemaguard.config.Config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a consumer declares of its own ways in {@code schemaguard.yml}: the queries in another dialect to leave out
 * ({@code exclude:}), its placeholder syntax ({@code placeholders:}), and its data-access helpers ({@code helpers:}),
 * whose calls name a table and columns in their arguments.
 */
final class Conventions {

    /** Calls that take words, not tables: logging, printing, translating, reading settings. */
    private static final Set<String> NOT_HELPERS = Set.of("log", "info", "debug", "warn", "warning", "error",
            "exception", "critical", "trace", "print", "println", "printf", "format", "t", "_", "gettext", "getenv",
            "require", "import", "emit", "on", "describe", "it", "test", "Error", "assert", "equal");
    private static final Pattern PARAMETER = Pattern.compile("\\$([0-9]+)");

    /**
     * A table or column a helper call uses.
     *
     * @param column {@code null} for the table itself
     */
    record HelperUse(String table, String column, Reference.Access access) {
    }

    private final List<PathMatcher> files = new ArrayList<>();
    private final Set<String> functions;
    private final List<Pattern> placeholders = new ArrayList<>();
    private final List<Config.Helper> helpers;

    private Conventions(Config.Consumer consumer) {
        for (String glob : consumer.exclude().files()) {
            files.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            if (glob.contains("**/")) {
                files.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.replace("**/", "")));
            }
        }
        functions = Set.copyOf(consumer.exclude().functions());
        consumer.placeholders().forEach(p -> placeholders.add(Pattern.compile(p)));
        helpers = consumer.allHelpers();
    }

    static Conventions of(Config.Consumer consumer) {
        return new Conventions(consumer);
    }

    boolean excludesFile(String relative) {
        Path path = Path.of(relative);
        return files.stream().anyMatch(m -> m.matches(path));
    }

    /** Whether the query is written in, or passed to, a function whose queries are another dialect's. */
    boolean excludes(ExtractedQuery query) {
        if (query.functions().stream().anyMatch(functions::contains)) {
            return true;
        }
        String callee = query.callee();
        return callee != null && (functions.contains(callee)
                || functions.contains(callee.substring(callee.lastIndexOf('.') + 1)));
    }

    /** The query with each match of the consumer's placeholder patterns as a parameter, numbered after the others. */
    ExtractedQuery withPlaceholders(ExtractedQuery query) {
        if (placeholders.isEmpty()) {
            return query;
        }
        String sql = query.sql();
        int last = 0;
        Matcher numbered = PARAMETER.matcher(sql);
        while (numbered.find()) {
            last = Math.max(last, Integer.parseInt(numbered.group(1)));
        }
        java.util.Map<String, Integer> named = new java.util.HashMap<>();
        for (Pattern pattern : placeholders) {
            StringBuilder out = new StringBuilder();
            Matcher m = pattern.matcher(sql);
            int at = 0;
            while (m.find()) {
                if (m.end() == m.start()) {
                    continue;
                }
                Integer number = named.get(m.group());
                if (number == null) {
                    number = ++last;
                    named.put(m.group(), number);
                }
                out.append(sql, at, m.start()).append('$').append(number);
                at = m.end();
            }
            sql = out.append(sql, at, sql.length()).toString();
        }
        return new ExtractedQuery(query.file(), query.line(), sql, query.language(), query.functions(), query.callee());
    }

    /**
     * The tables and columns a call of a declared helper uses; {@code null} when the call is no declared helper's.
     * A table argument that is not a string (a variable) gives no use.
     */
    List<HelperUse> helperUses(Call call) {
        for (Config.Helper helper : helpers) {
            if (!helper.function().contains(call.function())) {
                continue;
            }
            List<HelperUse> uses = new ArrayList<>();
            Call.Argument table = argument(call, helper.table());
            if (table == null || table.kind() != Call.Kind.STRING) {
                return uses;
            }
            String name = table.strings().get(0);
            Reference.Access access = helper.access().equals("write") ? Reference.Access.WRITE : Reference.Access.READ;
            uses.add(new HelperUse(name, null, access));
            columns(call, helper.reads(), name, Reference.Access.READ, uses);
            columns(call, helper.writes(), name, Reference.Access.WRITE, uses);
            return uses;
        }
        return null;
    }

    private static void columns(Call call, List<String> arguments, String table, Reference.Access access,
                                List<HelperUse> uses) {
        for (String spec : arguments) {
            Call.Argument argument = argument(call, spec);
            if (argument != null) {
                argument.strings().forEach(column -> uses.add(new HelperUse(table, column, access)));
            }
        }
    }

    /** The argument a spec names: {@code keyword}, {@code 2} (a position from 1) or {@code keyword:2}. */
    private static Call.Argument argument(Call call, String spec) {
        String keyword = spec.matches("[0-9]+") ? null : spec.replaceFirst(":.*", "");
        int position = spec.matches("[0-9]+") ? Integer.parseInt(spec)
                : spec.contains(":") ? Integer.parseInt(spec.substring(spec.indexOf(':') + 1)) : -1;
        for (Call.Argument argument : call.arguments()) {
            if (keyword != null && keyword.equals(argument.keyword())) {
                return argument;
            }
        }
        for (Call.Argument argument : call.arguments()) {
            if (argument.keyword() == null && argument.position() == position) {
                return argument;
            }
        }
        return null;
    }

    /** Whether an undeclared call names a managed table in a string argument: a helper the scan cannot read. */
    static boolean namesATable(Call call, Predicate<String> managed) {
        if (NOT_HELPERS.contains(call.function())) {
            return false;
        }
        return call.arguments().stream().anyMatch(a -> a.kind() == Call.Kind.STRING && managed.test(a.strings().get(0)));
    }
}
