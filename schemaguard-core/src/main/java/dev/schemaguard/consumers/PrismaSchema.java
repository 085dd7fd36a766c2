package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The models of a Prisma schema: each model's table, and each field's column or the model it relates to. A field's
 * column is its {@code @map} name, else the field's name; the table is the {@code @@map} name, else the model's.
 */
final class PrismaSchema {

    private static final Pattern MODEL = Pattern.compile("^\\s*model\\s+(\\w+)\\s*\\{");
    private static final Pattern FIELD = Pattern.compile("^\\s*(\\w+)\\s+(\\w+)(\\([^)]*\\))?(\\[])?\\??(.*)$");
    private static final Pattern MAP = Pattern.compile("@map\\(\\s*(?:name\\s*:\\s*)?\"([^\"]+)\"");
    private static final Pattern TABLE_MAP = Pattern.compile("^\\s*@@map\\(\\s*(?:name\\s*:\\s*)?\"([^\"]+)\"");
    private static final Pattern SCHEMA = Pattern.compile("^\\s*@@schema\\(\\s*\"([^\"]+)\"");
    private static final Pattern RELATION_FIELDS = Pattern.compile("@relation\\([^)]*fields\\s*:\\s*\\[([^]]*)]");

    /**
     * A field of a model.
     *
     * @param name      its name in the Prisma client
     * @param column    its column, or {@code null} for a relation field
     * @param relatedTo the model a relation field points to, or {@code null}
     * @param keys      for a relation field, the fields of this model that hold the foreign key ({@code fields: [...]})
     * @param ignored   whether it is {@code @ignore}d
     * @param line      its line in the schema file, from 1
     */
    record Field(String name, String column, String relatedTo, List<String> keys, boolean ignored, int line) {
    }

    /**
     * A model.
     *
     * @param name    its name in the schema
     * @param table   the table's key ({@code session}, {@code schema.table})
     * @param ignored whether it is {@code @@ignore}d
     * @param line    its line in the schema file, from 1
     * @param fields  its fields, by name, in order
     */
    record Model(String name, String schema, String tableName, boolean ignored, int line, Map<String, Field> fields) {

        /** The table's key as the schema history names it. */
        String table() {
            return schema == null || schema.equals("public") ? tableName : schema + "." + tableName;
        }
    }

    private final Map<String, Model> models;

    private PrismaSchema(Map<String, Model> models) {
        this.models = models;
    }

    static PrismaSchema parse(String text) {
        String[] lines = text.split("\n", -1);
        Set<String> names = new HashSet<>();
        for (String line : lines) {
            Matcher model = MODEL.matcher(line);
            if (model.find()) {
                names.add(model.group(1));
            }
        }
        Map<String, Model> models = new LinkedHashMap<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher model = MODEL.matcher(lines[i]);
            if (!model.find()) {
                continue;
            }
            int start = i;
            String table = model.group(1);
            String schema = null;
            boolean ignored = false;
            Map<String, Field> fields = new LinkedHashMap<>();
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
                    if (field.find()) {
                        String attributes = field.group(5);
                        boolean relation = names.contains(field.group(2)) || attributes.contains("@relation");
                        Matcher map = MAP.matcher(attributes);
                        Matcher keys = RELATION_FIELDS.matcher(attributes);
                        List<String> keyFields = new ArrayList<>();
                        if (keys.find()) {
                            for (String key : keys.group(1).split(",")) {
                                keyFields.add(key.strip());
                            }
                        }
                        fields.put(field.group(1), new Field(field.group(1),
                                relation ? null : map.find() ? map.group(1) : field.group(1),
                                relation ? field.group(2) : null, keyFields, attributes.contains("@ignore"), i + 1));
                    }
                }
            }
            models.put(model.group(1), new Model(model.group(1), schema, table, ignored, start + 1, fields));
        }
        return new PrismaSchema(models);
    }

    /** The schemas of several files as one (a schema may be split into files). */
    static PrismaSchema merge(List<PrismaSchema> schemas) {
        Map<String, Model> all = new LinkedHashMap<>();
        schemas.forEach(s -> all.putAll(s.models));
        return new PrismaSchema(all);
    }

    static PrismaSchema empty() {
        return new PrismaSchema(Map.of());
    }

    boolean isEmpty() {
        return models.isEmpty();
    }

    List<Model> models() {
        return List.copyOf(models.values());
    }

    Model model(String name) {
        return name == null ? null : models.get(name);
    }

    /**
     * The model the client names {@code name} ({@code prisma.websiteEvent} for model {@code WebsiteEvent}), or
     * {@code null}.
     */
    Model clientModel(String name) {
        if (name.isEmpty() || !Character.isLowerCase(name.charAt(0))) {
            return null;
        }
        Model model = models.get(Character.toUpperCase(name.charAt(0)) + name.substring(1));
        return model != null ? model : models.get(name);
    }

    private static String stripComment(String line) {
        int comment = line.indexOf("//");
        return comment < 0 ? line : line.substring(0, comment);
    }
}
