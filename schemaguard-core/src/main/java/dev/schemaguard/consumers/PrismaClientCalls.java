package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the Prisma client's model calls in a file's code ({@code prisma.session.findMany({ select: { distinctId: true }
 * })}, {@code tx.website.update({ where: { id }, data: { name } })}) and what each reads and writes, every field name
 * mapped through the schema to its table and column, at the line of the field's name. Read: {@code select},
 * {@code include}, {@code where}, {@code cursor}, {@code orderBy}, {@code distinct}, {@code by} and the aggregates,
 * following relations into the related model; written: the fields of {@code data} (and of an upsert's {@code create}
 * and {@code update}), a relation's {@code connect} writing its foreign key fields. A call whose arguments hold what
 * cannot be read (an argument or a {@code data} passed as a variable, a spread, an unknown key) is incomplete: what it
 * names is still used, and it is counted as not analysed.
 */
final class PrismaClientCalls {

    private static final Set<String> READS = Set.of("findMany", "findFirst", "findFirstOrThrow", "findUnique",
            "findUniqueOrThrow", "count", "aggregate", "groupBy");
    private static final Set<String> WRITES = Set.of("create", "createMany", "createManyAndReturn", "update",
            "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany");
    /** Keys of an argument that change no column use. */
    private static final Set<String> NEUTRAL = Set.of("take", "skip", "relationLoadStrategy", "skipDuplicates",
            "omit");
    private static final Set<String> AGGREGATES = Set.of("_count", "_sum", "_avg", "_min", "_max");
    private static final Set<String> RELATION_FILTERS = Set.of("some", "every", "none", "is", "isNot");

    private final SourceLexer lexer;
    private final SourceTokens tokens;
    private final PrismaSchema schema;
    private final List<ClientCall> calls;
    private List<ClientCall.Use> uses;
    private boolean complete;

    PrismaClientCalls(SourceLexer lexer, PrismaSchema schema, List<ClientCall> calls) {
        this.lexer = lexer;
        this.tokens = lexer.tokens();
        this.schema = schema;
        this.calls = calls;
    }

    void find() {
        for (int i = 1; i + 3 < tokens.size(); i++) {
            if (tokens.kind(i) != SourceTokens.IDENT || !tokens.isPunct(i - 1, '.') || !tokens.isPunct(i + 1, '.')
                    || tokens.kind(i + 2) != SourceTokens.IDENT || !tokens.isPunct(i + 3, '(')) {
                continue;
            }
            String method = tokens.text(i + 2);
            boolean writes = WRITES.contains(method);
            PrismaSchema.Model model = writes || READS.contains(method) ? schema.clientModel(tokens.text(i)) : null;
            if (model == null || model.ignored()) {
                continue;
            }
            uses = new ArrayList<>();
            complete = true;
            int line = lexer.lineOf(i + 2);
            use(model, null, writes ? Reference.Access.WRITE : Reference.Access.READ, line);
            int argument = i + 4;
            if (tokens.isPunct(argument, '{')) {
                arguments(model, argument);
            } else if (!tokens.isPunct(argument, ')')) {
                complete = false;
            }
            calls.add(new ClientCall(line, complete, uses));
        }
    }

    /** The keys of a call's argument, or of a relation's nested selection. */
    private void arguments(PrismaSchema.Model model, int open) {
        for (int[] entry : entries(open)) {
            String key = key(entry);
            int value = entry[1];
            if (key == null) {
                complete = false;
                continue;
            }
            switch (key) {
                case "select", "include" -> selection(model, value);
                case "where", "cursor", "having" -> filter(model, value);
                case "orderBy" -> order(model, value);
                case "data", "create", "update" -> write(model, value);
                case "distinct", "by" -> names(model, value);
                default -> {
                    if (AGGREGATES.contains(key)) {
                        aggregate(model, value);
                    } else if (!NEUTRAL.contains(key)) {
                        complete = false;
                    }
                }
            }
        }
    }

    /** {@code select: { a: true, relation: { select: ... } }}: the fields read. */
    private void selection(PrismaSchema.Model model, int value) {
        eachEntry(model, value, (entry, key, field) -> {
            if ("_count".equals(key)) {
                // _count: { select: { relation: { where: ... } } } counts related rows, filtered.
                if (isObject(entry[1])) {
                    arguments(model, entry[1]);
                }
            } else if (field == null) {
                complete = false;
            } else if (!tokens.isIdent(entry[1], "false")) {
                PrismaSchema.Model related = read(model, field, entry[0]);
                if (related != null && isObject(entry[1])) {
                    arguments(related, entry[1]);
                }
            }
        });
    }

    /** {@code where: { a: 1, AND: [...], relation: { some: {...} } }}: the fields compared are read. */
    private void filter(PrismaSchema.Model model, int value) {
        eachEntry(model, value, (entry, key, field) -> {
            if (key != null && (key.equals("AND") || key.equals("OR") || key.equals("NOT"))) {
                each(entry[1], element -> filter(model, element));
            } else if (field != null) {
                PrismaSchema.Model related = read(model, field, entry[0]);
                if (related != null) {
                    relationFilter(related, entry[1]);
                }
            } else if (!compoundKey(model, key, entry[0])) {
                complete = false;
            }
        });
    }

    private void relationFilter(PrismaSchema.Model related, int value) {
        List<int[]> entries = isObject(value) ? entries(value) : List.of();
        if (!entries.isEmpty() && entries.stream().allMatch(e -> RELATION_FILTERS.contains(key(e)))) {
            entries.forEach(e -> filter(related, e[1]));
        } else {
            filter(related, value);
        }
    }

    /** {@code websiteId_userId: { ... }}: a compound unique key names its fields joined by underscores. */
    private boolean compoundKey(PrismaSchema.Model model, String key, int at) {
        if (key == null || !key.contains("_")) {
            return false;
        }
        List<PrismaSchema.Field> fields = new ArrayList<>();
        for (String part : key.split("_")) {
            PrismaSchema.Field field = model.fields().get(part);
            if (field == null || field.column() == null) {
                return false;
            }
            fields.add(field);
        }
        fields.forEach(f -> read(model, f, at));
        return true;
    }

    /** {@code orderBy: { a: 'desc' }} or {@code orderBy: [{ a: 'desc' }, { relation: { b: 'asc' } }]}. */
    private void order(PrismaSchema.Model model, int value) {
        eachEntry(model, value, (entry, key, field) -> {
            if (field != null) {
                PrismaSchema.Model related = read(model, field, entry[0]);
                if (related != null) {
                    order(related, entry[1]);
                }
            } else if (!"_count".equals(key) && !"_relevance".equals(key)) {
                complete = false;
            }
        });
    }

    /** {@code distinct: ['a', 'b']}, {@code by: 'a'}: field names as strings. */
    private void names(PrismaSchema.Model model, int value) {
        each(value, element -> {
            PrismaSchema.Field field = tokens.kind(element) == SourceTokens.STRING
                    ? model.fields().get(lexer.value(element)) : null;
            if (field == null) {
                complete = false;
            } else {
                read(model, field, element);
            }
        });
    }

    /** {@code _sum: { a: true }}; {@code _count: true} counts rows. */
    private void aggregate(PrismaSchema.Model model, int value) {
        if (isObject(value)) {
            for (int[] entry : entries(value)) {
                String key = key(entry);
                PrismaSchema.Field field = key == null ? null : model.fields().get(key);
                if (field != null && field.column() != null) {
                    read(model, field, entry[0]);
                } else if (!"_all".equals(key)) {
                    complete = false;
                }
            }
        }
    }

    /** {@code data: { a: 1, relation: { connect: { id } } }}, or a list of those: the fields written. */
    private void write(PrismaSchema.Model model, int value) {
        eachEntry(model, value, (entry, key, field) -> {
            if (field == null) {
                complete = false;
            } else if (field.column() != null) {
                use(model, field.column(), Reference.Access.WRITE, lexer.lineOf(entry[0]));
            } else {
                nestedWrite(model, field, entry);
            }
        });
    }

    /**
     * A relation in {@code data}: {@code connect}, {@code disconnect} and {@code set} write this model's foreign key
     * fields; {@code create} writes the related model.
     */
    private void nestedWrite(PrismaSchema.Model model, PrismaSchema.Field field, int[] entry) {
        PrismaSchema.Model related = schema.model(field.relatedTo());
        if (related == null || !isObject(entry[1])) {
            complete = false;
            return;
        }
        for (int[] operation : entries(entry[1])) {
            String key = key(operation);
            if ("connect".equals(key) || "disconnect".equals(key) || "set".equals(key)) {
                for (String name : field.keys()) {
                    PrismaSchema.Field foreignKey = model.fields().get(name);
                    if (foreignKey != null && foreignKey.column() != null) {
                        use(model, foreignKey.column(), Reference.Access.WRITE, lexer.lineOf(entry[0]));
                    }
                }
            } else if ("create".equals(key)) {
                use(related, null, Reference.Access.WRITE, lexer.lineOf(operation[0]));
                write(related, operation[1]);
            } else {
                complete = false;
            }
        }
    }

    /** A field read: its column, or for a relation the related table, which is returned. */
    private PrismaSchema.Model read(PrismaSchema.Model model, PrismaSchema.Field field, int at) {
        if (field.column() != null) {
            use(model, field.column(), Reference.Access.READ, lexer.lineOf(at));
            return null;
        }
        PrismaSchema.Model related = schema.model(field.relatedTo());
        if (related == null) {
            complete = false;
        } else {
            use(related, null, Reference.Access.READ, lexer.lineOf(at));
        }
        return related;
    }

    private void use(PrismaSchema.Model model, String column, Reference.Access access, int line) {
        if (!model.ignored()) {
            uses.add(new ClientCall.Use(model.table(), column, access, line));
        }
    }

    private interface Element {
        void read(int start);
    }

    private interface Entry {
        void read(int[] entry, String key, PrismaSchema.Field field);
    }

    /**
     * Each entry of the object literal at {@code value}, or of each object of a list literal there, with the model's
     * field its key names ({@code null} if none); a value that is no object literal cannot be read.
     */
    private void eachEntry(PrismaSchema.Model model, int value, Entry reader) {
        each(value, element -> {
            if (!isObject(element)) {
                complete = false;
                return;
            }
            for (int[] entry : entries(element)) {
                String key = key(entry);
                reader.read(entry, key, key == null ? null : model.fields().get(key));
            }
        });
    }

    /** Each element of an array literal, or the value itself when it is not one. */
    private void each(int value, Element element) {
        if (!tokens.isPunct(value, '[')) {
            element.read(value);
            return;
        }
        int close = tokens.closing(value);
        int p = value + 1;
        while (p < close) {
            element.read(p);
            p = valueEnd(p, close);
            p = tokens.isPunct(p, ',') ? p + 1 : close;
        }
    }

    /**
     * The entries of the object literal opening at {@code open}: the index of each key and of its value; a shorthand
     * ({@code { id }}) is its own value; a spread or a computed key has a key index of -1.
     */
    private List<int[]> entries(int open) {
        List<int[]> entries = new ArrayList<>();
        int close = tokens.closing(open);
        int p = open + 1;
        while (p < close) {
            int keyIndex = p;
            boolean named = tokens.kind(p) == SourceTokens.IDENT || tokens.kind(p) == SourceTokens.STRING
                    && tokens.next(p) < 0;
            int value;
            if (named && tokens.isPunct(p + 1, ':')) {
                value = p + 2;
            } else if (tokens.kind(p) == SourceTokens.IDENT && (tokens.isPunct(p + 1, ',') || p + 1 == close)) {
                value = p;
            } else {
                keyIndex = -1;
                value = p;
            }
            entries.add(new int[] {keyIndex, value});
            p = valueEnd(value, close);
            p = tokens.isPunct(p, ',') ? p + 1 : close;
        }
        return entries;
    }

    /** The index of the comma or closing bracket that ends the value starting at {@code start}. */
    private int valueEnd(int start, int close) {
        int depth = 0;
        for (int p = start; p < close; p++) {
            if (depth == 0 && tokens.isPunct(p, ',')) {
                return p;
            }
            depth += tokens.bracket(p);
        }
        return close;
    }

    private String key(int[] entry) {
        if (entry[0] < 0) {
            return null;
        }
        return tokens.kind(entry[0]) == SourceTokens.STRING ? lexer.value(entry[0]) : tokens.text(entry[0]);
    }

    private boolean isObject(int at) {
        return tokens.isPunct(at, '{');
    }

}
