package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JPA entities as uses of the columns they map: an {@code @Entity} with {@code @Table(name = "...")}, and each
 * {@code @Column(name = "...")} and {@code @JoinColumn(name = "...")} after it, up to the next entity. A column
 * named by the naming strategy alone (no {@code name}) is not read: the strategy is the application's setting, and a
 * guessed name would blame the wrong migration.
 */
final class JpaEntities {

    private static final Pattern ENTITY = Pattern.compile("^\\s*@(?:\\w+\\.)*Entity\\b");
    private static final Pattern TABLE = Pattern.compile("@(?:\\w+\\.)*Table\\s*\\(([^)]*)");
    private static final Pattern COLUMN = Pattern.compile("@(?:\\w+\\.)*(?:Column|JoinColumn)\\s*\\(([^)]*)");
    private static final Pattern NAME = Pattern.compile("\\bname\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern SCHEMA = Pattern.compile("\\bschema\\s*=\\s*\"([^\"]+)\"");

    private JpaEntities() {
    }

    static boolean mayDeclare(String text) {
        return text.contains("@Entity") && text.contains("@Table");
    }

    static List<ExtractedQuery> queries(SourceText source, SourceLanguage language) {
        String[] lines = source.text().split("\n", -1);
        List<ExtractedQuery> queries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            if (!ENTITY.matcher(lines[i]).find()) {
                continue;
            }
            int entity = i;
            String table = null;
            String schema = null;
            List<ModelQuery.Column> columns = new ArrayList<>();
            for (i = entity; i < lines.length && (i == entity || !ENTITY.matcher(lines[i]).find()); i++) {
                Matcher tableAnnotation = TABLE.matcher(lines[i]);
                if (table == null && tableAnnotation.find()) {
                    Matcher name = NAME.matcher(tableAnnotation.group(1));
                    Matcher inSchema = SCHEMA.matcher(tableAnnotation.group(1));
                    table = name.find() ? unquoted(name.group(1)) : null;
                    schema = inSchema.find() ? inSchema.group(1) : null;
                    continue;
                }
                Matcher column = COLUMN.matcher(lines[i]);
                if (column.find()) {
                    Matcher name = NAME.matcher(column.group(1));
                    if (name.find()) {
                        columns.add(new ModelQuery.Column(unquoted(name.group(1)), i + 1));
                    }
                }
            }
            i--;
            if (table != null) {
                ExtractedQuery query = ModelQuery.of(source.file(), entity + 1, schema, table, columns, language);
                if (query != null) {
                    queries.add(query);
                }
            }
        }
        return queries;
    }

    /** {@code "\"order\""}: a name JPA quotes for the database is the name itself. */
    private static String unquoted(String name) {
        return name.replace("\\\"", "").replace("`", "");
    }
}
