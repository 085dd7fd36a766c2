package dev.schemaguard.consumers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemaguard.testing.Cli;
import dev.schemaguard.testing.ProjectBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prisma client's model calls as uses: each field a call names, mapped through {@code schema.prisma} to its
 * table and column, read or written, at the field's line.
 */
class PrismaClientCallsTest {

    private static final String SCHEMA = """
            model Session {
              id         String   @id @map("session_id") @db.Uuid
              websiteId  String   @map("website_id") @db.Uuid
              distinctId String?  @map("distinct_id")
              createdAt  DateTime @default(now()) @map("created_at")
              website    Website  @relation(fields: [websiteId], references: [id])

              @@map("session")
            }

            model Website {
              id       String    @id @map("website_id") @db.Uuid
              name     String
              sessions Session[]

              @@map("website")
            }
            """;

    private static final String MIGRATION = """
            CREATE TABLE website (website_id uuid PRIMARY KEY, name text);
            CREATE TABLE session (session_id uuid PRIMARY KEY, website_id uuid, distinct_id text,
                created_at timestamptz);
            """;

    private static ProjectBuilder project(Path dir, String code) {
        // The schema file is one of the consumer's files: the calls are read through it.
        return new ProjectBuilder(dir)
                .file("schemaguard.yml", "consumers:\n  - name: app\n    path: app\n    include: ['**/*.prisma', 'src/**']\n")
                .file("db/migrations/0001_create.sql", MIGRATION)
                .file("app/schema/schema.prisma", SCHEMA)
                .file("app/src/sessions.ts", code);
    }

    private static final String SELECT_CALL = """
            import prisma from './prisma';

            export async function getSessions(websiteId: string) {
              return prisma.client.session.findMany({
                where: { websiteId },
                select: {
                  distinctId: true,
                },
              });
            }
            """;

    private static List<String> evidence(Cli.Result r) {
        List<String> places = new ArrayList<>();
        for (JsonNode finding : r.findings("consumer-breaking-change")) {
            finding.get("evidence").forEach(e -> places.add(e.get("file").asText() + ":" + e.get("line").asInt()));
        }
        return places;
    }

    @Test
    void droppingAColumnASelectReadsFailsCheckAtTheSelectedField(@TempDir Path dir) {
        project(dir, SELECT_CALL).file("db/migrations/0002_drop.sql",
                "SET lock_timeout = '5s';\nALTER TABLE session DROP COLUMN distinct_id;\n");
        Cli.Result r = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(evidence(r)).contains("src/sessions.ts:7");
    }

    @Test
    void theRehearsalLeavesTheCallsToTheStaticCheckForItCannotPrepareThem(@TempDir Path dir) {
        project(dir, SELECT_CALL).file("db/migrations/0002_drop.sql",
                "SET lock_timeout = '5s';\nALTER TABLE session DROP COLUMN distinct_id;\n");
        Cli.Result r = Cli.run("check", dir.toString(), "--format", "json");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(evidence(r)).contains("src/sessions.ts:7");
    }

    @Test
    void renamingAColumnAnUpdateWritesFailsCheckAtTheWrittenField(@TempDir Path dir) {
        project(dir, """
                export const rename = (id: string, name: string) =>
                  prisma.website.update({
                    where: { id },
                    data: { name },
                  });
                """).file("db/migrations/0002_rename.sql",
                "SET lock_timeout = '5s';\nALTER TABLE website RENAME COLUMN name TO title;\n");
        Cli.Result r = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        assertThat(evidence(r)).containsExactly("schema/schema.prisma:13", "src/sessions.ts:4");
        assertThat(r.findings("consumer-breaking-change").get(0).get("evidence").get(1).get("note").asText())
                .isEqualTo("writes website.name");
    }

    private static List<String> uses(Cli.Result r) {
        List<String> uses = new ArrayList<>();
        r.json().get("uses").forEach(u -> uses.add(u.get("access").asText() + " " + u.get("table").asText()
                + (u.get("column").isNull() ? "" : "." + u.get("column").asText()) + ":" + u.get("line").asInt()));
        return uses;
    }

    @Test
    void eachKeyMapsThroughTheSchemaToItsColumnReadOrWritten(@TempDir Path dir) {
        project(dir, """
                export async function work(tx, websiteId: string) {
                  await tx.session.findFirst({
                    where: { OR: [{ distinctId: 'a' }, { website: { name: 'b' } }] },
                    orderBy: [{ createdAt: 'desc' }],
                    include: { website: true },
                  });
                  await tx.session.create({
                    data: {
                      distinctId: 'x',
                      website: { connect: { id: websiteId } },
                    },
                  });
                  await tx.website.upsert({
                    where: { id: websiteId },
                    create: { id: websiteId, name: 'n' },
                    update: { name: 'n' },
                  });
                  await tx.session.deleteMany({ where: { createdAt: { lt: new Date() } } });
                }
                """);
        Cli.Result r = Cli.run("consumers", dir.toString(), "--format", "json");
        assertThat(uses(r)).contains("read session:2", "read session.distinct_id:3", "read website:3",
                "read website.name:3", "read session.created_at:4", "read website:5",
                "write session:7", "write session.distinct_id:9", "write session.website_id:10",
                "write website:13", "read website.website_id:14", "write website.website_id:15",
                "write website.name:15", "write website.name:16", "write session:18", "read session.created_at:18");
        JsonNode coverage = r.json().get("consumer_coverage").get(0);
        assertThat(coverage.get("helper_calls_analysed").asInt()).isEqualTo(4);
        assertThat(coverage.get("helper_calls").asInt()).isZero();
    }

    @Test
    void aCallWhoseArgumentsCannotBeReadIsCountedAsNotAnalysedAndKeepsWhatItShows(@TempDir Path dir) {
        project(dir, """
                export const save = (data, criteria) => Promise.all([
                  prisma.session.create({ data }),
                  prisma.website.findMany(criteria),
                  prisma.website.update({ where: { id: '1' }, data: { ...data, name: 'n' } }),
                  prisma.player.findMany({}),
                ]);
                """);
        Cli.Result r = Cli.run("consumers", dir.toString(), "--format", "json");
        assertThat(uses(r)).contains("write session:2", "read website:3", "write website.name:4");
        JsonNode coverage = r.json().get("consumer_coverage").get(0);
        assertThat(coverage.get("helper_calls").asInt()).as("three calls, no model named player").isEqualTo(3);
        assertThat(coverage.get("helper_calls_analysed").asInt()).isZero();
    }
}
