package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models of a Prisma schema as uses of the tables and columns they map: the Prisma client reads and writes every
 * scalar field of a model, so a migration that drops or renames a mapped column breaks it. Each model becomes one
 * query, {@code SELECT "column", ... FROM "table"}, written so that each column stands on the line of its field: the
 * evidence points at the field, and the rehearsal prepares the model's columns on the real schema like any query.
 * A field's column is its {@code @map} name, else the field's name; the table is the {@code @@map} name, else the
 * model's. Relation fields (of another model's type), {@code @ignore}d fields and {@code @@ignore}d models map
 * nothing.
 */
final class PrismaModels {

    private static final Pattern MODEL = Pattern.compile("^\\s*model\\s+(\\w+)\\s*\\{");
    private static final Pattern FIELD = Pattern.compile("^\\s*(\\w+)\\s+(\\w+)(\\([^)]*\\))?(\\[])?\\??(.*)$");
    private static final Pattern MAP = Pattern.compile("@map\\(\\s*(?:name\\s*:\\s*)?\"([^\"]+)\"");
    private static final Pattern TABLE_MAP = Pattern.compile("^\\s*@@map\\(\\s*(?:name\\s*:\\s*)?\"([^\"]+)\"");
    private static final Pattern SCHEMA = Pattern.compile("^\\s*@@schema\\(\\s*\"([^\"]+)\"");

    private PrismaModels() {
    }

    static List<ExtractedQuery> queries(SourceText source) {
        String[] lines = source.text().split("\n", -1);
        Set<String> models = new HashSet<>();
        for (String line : lines) {
            Matcher model = MODEL.matcher(line);
            if (model.find()) {
                models.add(model.group(1));
            }
        }
        List<ExtractedQuery> queries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher model = MODEL.matcher(lines[i]);
            if (!model.find()) {
                continue;
            }
            int start = i;
            String table = model.group(1);
            String schema = null;
            boolean ignored = false;
            List<ModelQuery.Column> columns = new ArrayList<>();
            for (i++; i < lines.length && !lines[i].strip().startsWith("}"); i++) {
                String line = stripComment(lines[i]);
                Matcher tableMap = TABLE_MAP.matcher(line);
                Matcher schemaName = SCHEMA.matcher(line);
                if (tableMap.find()) {
                    table = tableMap.group(1);
                } else if (schemaName.find()) {
                    schema = schemaName.group(1);
                } else if (line.strip().startsWith("@@ignore")) {
                    ignored = true;
                } else if (!line.strip().startsWith("@@")) {
                    Matcher field = FIELD.matcher(line);
                    if (field.find() && !models.contains(field.group(2)) && !field.group(5).contains("@ignore")
                            && !field.group(5).contains("@relation")) {
                        Matcher map = MAP.matcher(field.group(5));
                        columns.add(new ModelQuery.Column(map.find() ? map.group(1) : field.group(1), i + 1));
                    }
                }
            }
            ExtractedQuery query = ignored ? null
                    : ModelQuery.of(source.file(), start + 1, schema, table, columns, SourceLanguage.PRISMA);
            if (query != null) {
                queries.add(query);
            }
        }
        return queries;
    }

    private static String stripComment(String line) {
        int comment = line.indexOf("//");
        return comment < 0 ? line : line.substring(0, comment);
    }
}
