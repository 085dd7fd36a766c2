package dev.schemaguard.consumers;

import dev.schemaguard.config.Config;
import dev.schemaguard.io.InputException;
import dev.schemaguard.io.TextFiles;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scans the declared consumers' source files for SQL and resolves what each query uses against the schema the
 * migrations build. A file that cannot be read or a query that cannot be analysed is reported and skipped.
 */
public final class ConsumerScanner {

    /** Folders of dependencies, builds and tools: never a consumer's own code. */
    private static final Set<String> SKIPPED_DIRS = Set.of("node_modules", ".git", "target", "build", "dist", ".venv",
            "venv", "__pycache__", ".svelte-kit", ".next", "vendor", ".idea", ".gradle");

    /**
     * The pattern {@link #lineWithin} looks for, per column name: compiled once, not once per reference (with tens of
     * thousands of references in a large codebase, compiling them was a seventh of the scan). Patterns are immutable
     * and thread-safe; only the matchers are per call.
     */
    private static final Map<String, Pattern> COLUMN_PATTERNS = new ConcurrentHashMap<>();

    private ConsumerScanner() {
    }

    public static ConsumerScan scan(Path projectDir, List<Config.Consumer> consumers, SchemaHistory schema) {
        List<ConsumerScan.Query> queries = new ArrayList<>();
        List<ConsumerScan.Use> uses = new ArrayList<>();
        List<ConsumerScan.OwnTable> own = new ArrayList<>();
        List<ConsumerScan.Problem> problems = new ArrayList<>();
        // Every consumer's files in one list, consumer by consumer and each consumer's in its order, scanned by one
        // parallel stream (one per consumer left a core idle at the end of each); toList keeps that order.
        List<Task> tasks = new ArrayList<>();
        Map<String, Integer> files = new LinkedHashMap<>();
        for (Config.Consumer consumer : consumers) {
            Path root = projectDir.resolve(consumer.path()).normalize();
            if (!Files.isDirectory(root)) {
                throw new InputException(projectDir.resolve("schemaguard.yml"), "consumer " + consumer.name()
                        + ": path '" + consumer.path() + "' is not a directory");
            }
            List<Path> selected = files(root, consumer.include());
            files.merge(consumer.name(), selected.size(), Integer::sum);
            PrismaSchema prisma = prismaSchema(root, selected);
            for (Path file : selected) {
                tasks.add(new Task(consumer, root, file, prisma));
            }
        }
        List<FileResult> results = tasks.parallelStream().map(t -> scanFile(t.consumer, t.root, t.file, t.prisma, schema))
                .toList();
        Map<String, int[]> counts = new HashMap<>();
        for (FileResult result : results) {
            queries.addAll(result.queries);
            uses.addAll(result.uses);
            own.addAll(result.own);
            problems.addAll(result.problems);
            int[] sum = counts.computeIfAbsent(result.consumer, c -> new int[3]);
            sum[0] += result.helperCalls;
            sum[1] += result.helpersAnalysed;
            sum[2] += result.excluded;
        }
        List<ConsumerScan.Coverage> coverage = new ArrayList<>();
        for (Config.Consumer consumer : consumers) {
            String name = consumer.name();
            if (coverage.stream().anyMatch(c -> c.consumer().equals(name))) {
                continue;
            }
            int[] analysed = new int[ConsumerScan.Analysis.values().length];
            queries.stream().filter(q -> q.consumer().equals(name)).forEach(q -> analysed[q.analysis().ordinal()]++);
            int[] calls = counts.getOrDefault(name, new int[3]);
            coverage.add(new ConsumerScan.Coverage(name, files.get(name),
                    analysed[0] + analysed[1] + analysed[2], analysed[ConsumerScan.Analysis.FULL.ordinal()],
                    analysed[ConsumerScan.Analysis.PART.ordinal()], analysed[ConsumerScan.Analysis.NONE.ordinal()],
                    calls[2], calls[0], calls[1], consumer.minCoverage()));
        }
        return new ConsumerScan(queries, uses, own, problems, coverage);
    }

    private record Task(Config.Consumer consumer, Path root, Path file, PrismaSchema prisma) {
    }

    /**
     * The models of the consumer's Prisma schema files, through which its client calls are read; empty when it has
     * none. A file that cannot be read adds nothing here: its own scan reports it.
     */
    private static PrismaSchema prismaSchema(Path root, List<Path> files) {
        List<PrismaSchema> schemas = new ArrayList<>();
        for (Path file : files) {
            if (SourceLanguage.extension(file.getFileName().toString()).equals("prisma")) {
                try {
                    schemas.add(PrismaSchema.parse(TextFiles.read(file, root.relativize(file))));
                } catch (InputException e) {
                    // The file's own scan reports it.
                }
            }
        }
        return PrismaSchema.merge(schemas);
    }

    /**
     * What one file gave.
     *
     * @param helperCalls     calls naming a managed table that no declared helper analyses
     * @param helpersAnalysed calls of declared helpers, and client calls (Prisma, Knex) read in full
     * @param excluded        queries left out as another dialect's
     */
    private record FileResult(String consumer, List<ConsumerScan.Query> queries, List<ConsumerScan.Use> uses,
                              List<ConsumerScan.OwnTable> own, List<ConsumerScan.Problem> problems, int helperCalls,
                              int helpersAnalysed, int excluded) {
    }

    private static FileResult scanFile(Config.Consumer declared, Path root, Path file, PrismaSchema prisma,
                                       SchemaHistory schema) {
        String consumer = declared.name();
        String relative = root.relativize(file).toString().replace('\\', '/');
        List<ConsumerScan.Query> queries = new ArrayList<>();
        List<ConsumerScan.Use> uses = new ArrayList<>();
        List<ConsumerScan.OwnTable> own = new ArrayList<>();
        List<ConsumerScan.Problem> problems = new ArrayList<>();
        String text;
        try {
            text = TextFiles.read(file, Path.of(relative));
        } catch (InputException e) {
            problems.add(new ConsumerScan.Problem(consumer, relative, e.line(), e.getMessage()));
            return new FileResult(consumer, queries, uses, own, problems, 0, 0, 0);
        }
        boolean knex = declared.presets().contains("knex");
        Extraction extraction = SqlExtractor.extract(relative, text, prisma, knex);
        extraction.problems().forEach(p -> problems.add(new ConsumerScan.Problem(consumer, relative, p.line(), p.message())));
        Conventions conventions = Conventions.of(declared);
        boolean excludedFile = conventions.excludesFile(relative);
        int excluded = 0;
        for (ExtractedQuery found : extraction.queries()) {
            if (excludedFile || conventions.excludes(found)) {
                excluded++;
                continue;
            }
            ExtractedQuery query = conventions.withPlaceholders(found);
            Resolution resolution;
            try {
                resolution = ReferenceResolver.resolve(query.sql(), schema);
            } catch (RuntimeException e) {
                String gap = "line " + query.line() + ": this query could not be analysed (" + e.getMessage() + ")";
                problems.add(new ConsumerScan.Problem(consumer, relative, query.line(),
                        "this query could not be analysed (" + e.getMessage() + "); it is left out"));
                queries.add(new ConsumerScan.Query(consumer, relative, query.line(), query.sql(), List.of(),
                        ConsumerScan.Analysis.NONE, List.of(gap)));
                continue;
            }
            resolution.problems().forEach(p -> problems.add(new ConsumerScan.Problem(consumer, relative,
                    query.line() + p.line() - 1, p.message())));
            List<String> gaps = resolution.problems().stream()
                    .map(p -> "line " + (query.line() + p.line() - 1) + ": " + p.message()).toList();
            ConsumerScan.Analysis analysis = gaps.isEmpty() ? ConsumerScan.Analysis.FULL
                    : resolution.references().isEmpty() && resolution.unknownTables().isEmpty()
                    ? ConsumerScan.Analysis.NONE : ConsumerScan.Analysis.PART;
            queries.add(new ConsumerScan.Query(consumer, relative, query.line(), query.sql(), resolution.references(),
                    analysis, gaps));
            for (String table : resolution.unknownTables()) {
                if (!isSystemCatalog(table)) {
                    own.add(new ConsumerScan.OwnTable(consumer, table, relative, query.line()));
                }
            }
            for (Reference reference : resolution.references()) {
                if (!schema.manages(reference.table())) {
                    continue;
                }
                if (reference.star() && reference.access() == Reference.Access.READ) {
                    uses.add(new ConsumerScan.Use(consumer, reference.table(), null, reference.access(), relative,
                            query.line(), false, query.line()));
                    // A star select uses the columns the code then reads from its rows.
                    Set<String> columns = schema.columns(reference.table());
                    for (PropertyAccess access : extraction.propertyAccesses()) {
                        if (columns.contains(access.name())) {
                            uses.add(new ConsumerScan.Use(consumer, reference.table(), access.name(), Reference.Access.READ,
                                    relative, access.line(), true, query.line()));
                        }
                    }
                } else {
                    // Where the resolver read the column (the branch of a UNION that names it), else its first mention.
                    int named = resolution.lineOf(reference);
                    int line = reference.column() == null ? query.line() : named > 0 ? query.line() + named - 1
                            : query.line() + lineWithin(query.sql(), reference.column());
                    uses.add(new ConsumerScan.Use(consumer, reference.table(), reference.column(), reference.access(),
                            relative, line, false, query.line()));
                }
            }
        }
        FileUses sink = new FileUses(consumer, relative, schema, uses, own);
        int helperCalls = 0;
        int helpersAnalysed = 0;
        for (Call call : extraction.calls()) {
            List<Conventions.HelperUse> helperUses = conventions.helperUses(call);
            if (helperUses == null) {
                boolean inChain = knex && KnexChains.isLink(call.function());
                helperCalls += !inChain && Conventions.namesATable(call, schema::manages) ? 1 : 0;
                continue;
            }
            helpersAnalysed++;
            for (Conventions.HelperUse use : helperUses) {
                sink.add(use.table(), use.column(), use.access(), call.line(), call.line());
            }
        }
        // A client call (Prisma, Knex) is a helper call whose signature the client gives: analysed when all its
        // arguments were read, else counted with the helper calls not analysed, its seen uses kept.
        for (ClientCall call : extraction.clientCalls()) {
            if (call.complete()) {
                helpersAnalysed++;
            } else {
                helperCalls++;
            }
            for (ClientCall.Use use : call.uses()) {
                sink.add(use.table(), use.column(), use.access(), use.line(), call.line());
            }
        }
        return new FileResult(consumer, queries, dedupe(uses), own, problems, helperCalls, helpersAnalysed,
                excluded);
    }

    /** Where a file's uses outside SQL go: a managed table's to the uses, another table to the consumer's own. */
    private record FileUses(String consumer, String file, SchemaHistory schema, List<ConsumerScan.Use> uses,
                            List<ConsumerScan.OwnTable> own) {

        void add(String table, String column, Reference.Access access, int line, int callLine) {
            if (schema.manages(table)) {
                uses.add(new ConsumerScan.Use(consumer, table, column, access, file, line, false, callLine));
            } else if (column == null && !isSystemCatalog(table)) {
                own.add(new ConsumerScan.OwnTable(consumer, table, file, line));
            }
        }
    }

    /**
     * PostgreSQL's own catalogs ({@code pg_database}, {@code pg_catalog.pg_class}, {@code information_schema.tables}):
     * the server's, never a consumer's own table.
     */
    static boolean isSystemCatalog(String table) {
        String name = table.toLowerCase(java.util.Locale.ROOT);
        return name.startsWith("pg_") || name.startsWith("information_schema.");
    }

    /** Lines below the query's first line where the column is first named, so evidence points at the mention. */
    private static int lineWithin(String sql, String column) {
        Matcher m = COLUMN_PATTERNS.computeIfAbsent(column, c -> Pattern.compile("(?i)(?<![\\w$])\"?" + Pattern.quote(c)
                + "\"?(?![\\w$])")).matcher(sql);
        if (!m.find()) {
            return 0;
        }
        int lines = 0;
        for (int i = 0; i < m.start(); i++) {
            if (sql.charAt(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    /** One use per place: a member read is one use even when two star selects of the table precede it. */
    private static List<ConsumerScan.Use> dedupe(List<ConsumerScan.Use> uses) {
        java.util.Map<List<Object>, ConsumerScan.Use> unique = new java.util.LinkedHashMap<>();
        for (ConsumerScan.Use use : uses) {
            unique.putIfAbsent(List.of(use.consumer(), use.table(), String.valueOf(use.column()), use.access(),
                    use.file(), use.line(), use.viaStar()), use);
        }
        return List.copyOf(unique.values());
    }

    /** The consumer's files the include globs select (every file the extractor reads when there are none). */
    private static List<Path> files(Path root, List<String> include) {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : include) {
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            // "src/**/*.ts" also means the files directly in src, as in every other tool's globs.
            if (glob.contains("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.replace("**/", "")));
            }
        }
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && SKIPPED_DIRS.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Path relative = root.relativize(file);
                    boolean selected = matchers.isEmpty() ? SqlExtractor.supports(relative.toString())
                            : matchers.stream().anyMatch(m -> m.matches(relative)) && SqlExtractor.supports(relative.toString());
                    if (selected) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InputException(root, "cannot list the consumer's files: " + e.getMessage());
        }
        files.sort(null);
        return files;
    }
}
