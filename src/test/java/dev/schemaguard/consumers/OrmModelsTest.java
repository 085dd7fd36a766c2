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

/** ORM models as consumers: a model maps columns its client reads and writes, so dropping one breaks it. */
class OrmModelsTest {

    private static final String SCHEMA = """
            generator client {
              provider = "prisma-client-js"
            }

            model Session {
              id         String   @id @map("session_id") @db.Uuid
              websiteId  String   @map("website_id") @db.Uuid
              distinctId String?  @map("distinct_id") @db.VarChar(50)
              createdAt  DateTime? @default(now()) @map("created_at")
              legacy     String?  @ignore
              website    Website  @relation(fields: [websiteId], references: [id])
              events     Event[]

              @@index([websiteId])
              @@map("session")
            }

            model Website {
              id       String    @id @map("website_id") @db.Uuid
              name     String    // shown in the dashboard
              sessions Session[]

              @@map("website")
            }

            model Event {
              id        String @id @map("event_id")
              sessionId String @map("session_id")
              session   Session @relation(fields: [sessionId], references: [id])

              @@map("event")
            }
            """;

    @Test
    void aPrismaModelsMappedColumnsAreUsesAtTheirFieldsLines(@TempDir Path dir) {
        new ProjectBuilder(dir)
                .file("schemaguard.yml", "consumers:\n  - name: app\n    path: app\n")
                .file("db/migrations/0001_create.sql", """
                        CREATE TABLE website (website_id uuid PRIMARY KEY, name text);
                        CREATE TABLE session (session_id uuid PRIMARY KEY, website_id uuid, distinct_id varchar(50),
                            created_at timestamptz, legacy text);
                        CREATE TABLE event (event_id text PRIMARY KEY, session_id uuid);
                        """)
                .file("db/migrations/0002_drop.sql", "SET lock_timeout = '5s';\n"
                        + "ALTER TABLE session DROP COLUMN distinct_id;\nALTER TABLE session DROP COLUMN legacy;\n")
                .file("app/prisma/schema.prisma", SCHEMA);
        Cli.Result r = Cli.run("check", dir.toString(), "--static", "--format", "json");
        assertThat(r.exitCode()).as(r.out()).isEqualTo(1);
        List<JsonNode> broken = r.findings("consumer-breaking-change");
        assertThat(broken).hasSize(1);
        JsonNode evidence = broken.get(0).get("evidence").get(0);
        assertThat(evidence.get("file").asText() + ":" + evidence.get("line").asInt())
                .isEqualTo("prisma/schema.prisma:8");
        List<String> uses = new ArrayList<>();
        Cli.run("consumers", dir.toString(), "--format", "json").json().get("uses")
                .forEach(u -> uses.add(u.get("table").asText() + "." + u.get("column").asText()));
        assertThat(uses).contains("session.session_id", "session.website_id", "session.created_at", "website.name",
                "event.session_id").doesNotContain("session.legacy", "session.website", "website.sessions");
    }

    private static List<String> uses(Path dir, String file, String code) {
        new ProjectBuilder(dir)
                .file("schemaguard.yml", "consumers:\n  - name: app\n    path: app\n")
                .file("db/migrations/0001_create.sql", """
                        CREATE TABLE users (id bigint PRIMARY KEY, user_name text, email text, team_id bigint);
                        CREATE TABLE teams (id bigint PRIMARY KEY, label text);
                        CREATE TABLE audit (id bigint, note text);
                        """)
                .file("app/" + file, code);
        List<String> uses = new ArrayList<>();
        Cli.Result r = Cli.run("consumers", dir.toString(), "--format", "json");
        r.json().get("uses").forEach(u -> uses.add(u.get("table").asText() + "." + u.get("column").asText() + ":"
                + u.get("line").asInt()));
        assertThat(r.json().get("consumer_coverage").get(0).get("not_analysed").asInt()).as(r.out()).isZero();
        return uses;
    }

    @Test
    void sqlAlchemyDeclarativeAndImperativeModelsMapTheirColumns(@TempDir Path dir) {
        assertThat(uses(dir, "models.py", """
                from sqlalchemy import Column, ForeignKey, Integer, String, Table
                from sqlalchemy.orm import Mapped, mapped_column, relationship


                class User(Base):
                    __tablename__ = "users"

                    id = Column(Integer, primary_key=True)
                    name = Column("user_name", String)
                    email: Mapped[str] = mapped_column(String(100))
                    team_id = Column(Integer, ForeignKey("teams.id"))
                    team = relationship("Team")


                class Helper:
                    label = "not a model"


                audit = Table(
                    "audit",
                    metadata,
                    Column("id", Integer),
                    Column("note", String),
                )
                """)).contains("users.id:8", "users.user_name:9", "users.email:10", "users.team_id:11",
                "audit.id:22", "audit.note:23").noneMatch(u -> u.contains("team:") || u.startsWith("teams.label"));
    }

    @Test
    void jpaEntitiesMapTheColumnsTheyNameAndNoGuessedOnes(@TempDir Path dir) {
        assertThat(uses(dir, "src/User.java", """
                import jakarta.persistence.*;

                @Entity
                @Table(name = "users")
                public class User {
                    @Id
                    @Column(name = "id")
                    private Long id;

                    @Column(name = "user_name", nullable = false)
                    private String name;

                    private String email;

                    @ManyToOne
                    @JoinColumn(name = "team_id")
                    private Team team;
                }
                """)).contains("users.id:7", "users.user_name:10", "users.team_id:16")
                .noneMatch(u -> u.startsWith("users.email"));
    }
}
