package dev.schemaguard.consumers;

import java.util.ArrayList;
import java.util.List;

/**
 * The models of a Prisma schema as uses of the tables and columns they map: the Prisma client reads and writes every
 * scalar field of a model, so a migration that drops or renames a mapped column breaks it. Each model becomes one
 * query, {@code SELECT "column", ... FROM "table"}, written so that each column stands on the line of its field: the
 * evidence points at the field, and the rehearsal prepares the model's columns on the real schema like any query.
 * Relation fields (of another model's type), {@code @ignore}d fields and {@code @@ignore}d models map nothing.
 */
final class PrismaModels {

    private PrismaModels() {
    }

    static List<ExtractedQuery> queries(SourceText source) {
        List<ExtractedQuery> queries = new ArrayList<>();
        for (PrismaSchema.Model model : PrismaSchema.parse(source.text()).models()) {
            if (model.ignored()) {
                continue;
            }
            List<ModelQuery.Column> columns = new ArrayList<>();
            for (PrismaSchema.Field field : model.fields().values()) {
                if (field.column() != null && !field.ignored()) {
                    columns.add(new ModelQuery.Column(field.column(), field.line()));
                }
            }
            ExtractedQuery query = ModelQuery.of(source.file(), model.line(), model.schema(), model.tableName(),
                    columns, SourceLanguage.PRISMA);
            if (query != null) {
                queries.add(query);
            }
        }
        return queries;
    }
}
