package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLAlchemy's models as uses of the columns they map: a declarative class with {@code __tablename__}
 * ({@code name = Column(...)}, {@code name: Mapped[str] = mapped_column(...)}, a first string argument naming the
 * column otherwise), and a {@code Table("name", metadata, Column("col", ...), ...)}. Each model becomes a
 * {@link ModelQuery}. Relationships, column properties and classes without {@code __tablename__} map nothing here.
 */
final class SqlAlchemyModels {

    private static final Pattern CLASS = Pattern.compile("^(\\s*)class\\s+\\w+\\s*(\\(.*)?:\\s*(#.*)?$");
    private static final Pattern TABLENAME = Pattern.compile("^\\s*__tablename__\\s*(?::[^=]+)?=\\s*[\"'](\\w+)[\"']");
    private static final Pattern SCHEMA = Pattern.compile("[\"']schema[\"']\\s*:\\s*[\"'](\\w+)[\"']");
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "^\\s*(\\w+)\\s*(?::[^=]+)?=\\s*(?:\\w+\\.)*(?:Column|mapped_column)\\(\\s*(?:([\"'])(\\w+)\\2)?");
    private static final Pattern TABLE = Pattern.compile(
            "(?:\\w+\\.)*Table\\(\\s*[\"'](\\w+)[\"']\\s*,");
    private static final Pattern TABLE_COLUMN = Pattern.compile("(?:\\w+\\.)*Column\\(\\s*[\"'](\\w+)[\"']");
    private static final Pattern TABLE_SCHEMA = Pattern.compile("\\bschema\\s*=\\s*[\"'](\\w+)[\"']");

    private SqlAlchemyModels() {
    }

    /** Whether the text may declare models: the cheap test before reading it line by line. */
    static boolean mayDeclare(String text) {
        return text.contains("__tablename__") || text.contains("Table(");
    }

    static List<ExtractedQuery> queries(SourceText source) {
        String[] lines = source.text().split("\n", -1);
        List<ExtractedQuery> queries = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher declared = CLASS.matcher(lines[i]);
            if (declared.find()) {
                add(queries, declarative(source, lines, i, declared.group(1).length()));
                continue;
            }
            if (lines[i].contains("Table(") && !lines[i].strip().startsWith("#")) {
                // The table's name may stand on the next line: Table(\n    "audit",
                String window = String.join("\n", java.util.Arrays.asList(lines)
                        .subList(i, Math.min(lines.length, i + 3)));
                Matcher table = TABLE.matcher(window);
                if (table.find() && table.start() < lines[i].length()) {
                    add(queries, imperative(source, lines, i, table.start(), table.group(1)));
                }
            }
        }
        return queries;
    }

    private static void add(List<ExtractedQuery> queries, ExtractedQuery query) {
        if (query != null) {
            queries.add(query);
        }
    }

    /** A declarative class: its body is the lines indented deeper than the class line. */
    private static ExtractedQuery declarative(SourceText source, String[] lines, int at, int indent) {
        String table = null;
        String schema = null;
        List<ModelQuery.Column> columns = new ArrayList<>();
        for (int i = at + 1; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isBlank() && !line.strip().startsWith("#")
                    && line.length() - line.stripLeading().length() <= indent) {
                break;
            }
            Matcher name = TABLENAME.matcher(line);
            Matcher attribute = ATTRIBUTE.matcher(line);
            if (name.find()) {
                table = name.group(1);
            } else if (line.contains("__table_args__")) {
                Matcher inArgs = SCHEMA.matcher(line);
                schema = inArgs.find() ? inArgs.group(1) : schema;
            } else if (attribute.find() && !attribute.group(1).startsWith("__")) {
                columns.add(new ModelQuery.Column(attribute.group(3) != null ? attribute.group(3) : attribute.group(1),
                        i + 1));
            }
        }
        return table == null ? null
                : ModelQuery.of(source.file(), at + 1, schema, table, columns, SourceLanguage.PYTHON);
    }

    /** {@code Table("name", metadata, Column("col", ...), ...)}: the columns up to the closing parenthesis. */
    private static ExtractedQuery imperative(SourceText source, String[] lines, int at, int start, String table) {
        List<ModelQuery.Column> columns = new ArrayList<>();
        String schema = null;
        int depth = 0;
        for (int i = at; i < lines.length; i++) {
            String line = i == at ? lines[i].substring(start) : lines[i];
            Matcher column = TABLE_COLUMN.matcher(line);
            while (column.find()) {
                columns.add(new ModelQuery.Column(column.group(1), i + 1));
            }
            Matcher inArgs = TABLE_SCHEMA.matcher(line);
            schema = inArgs.find() ? inArgs.group(1) : schema;
            for (char c : line.toCharArray()) {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            }
            if (depth <= 0) {
                break;
            }
        }
        return ModelQuery.of(source.file(), at + 1, schema, table, columns, SourceLanguage.PYTHON);
    }
}
