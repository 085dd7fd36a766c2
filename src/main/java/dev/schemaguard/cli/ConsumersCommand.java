package dev.schemaguard.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import dev.schemaguard.consumers.ConsumerBreakage;
import dev.schemaguard.consumers.ConsumerScan;
import dev.schemaguard.consumers.Reference;
import dev.schemaguard.consumers.Registry;
import dev.schemaguard.consumers.SchemaHistory;
import dev.schemaguard.finding.Finding;
import dev.schemaguard.finding.SeverityPolicy;
import dev.schemaguard.io.InputException;
import dev.schemaguard.report.JsonFormatter;
import dev.schemaguard.report.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "consumers", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds the SQL in the code of the services that share the database (the consumers declared "
                + "in schemaguard.yml) and what each query reads and writes: tables, columns, and the columns a "
                + "SELECT t.* is used for (followed through the code's member reads).",
                "--format markdown writes the shared-table registry; --check FILE fails when a checked-in registry "
                        + "is stale. A migration that removes what a consumer uses is consumer-breaking-change."},
        footer = {"", "Exit codes: 0 nothing at or above --fail-on (and, with --check, the file is current), 1 "
                + "findings at or above it or a stale --check file, 2 bad usage or unreadable input.",
                "", "Examples:", "  schemaguard consumers examples/alembic-fork",
                "  schemaguard consumers . --format markdown --output docs/shared-tables.md",
                "  schemaguard consumers . --check docs/shared-tables.md   (in CI)"})
final class ConsumersCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", defaultValue = ".", paramLabel = "PROJECT_DIR",
            description = "The project directory (default: the current directory).")
    Path projectDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text, json or markdown (the registry) (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--check", paramLabel = "FILE",
            description = "Compare FILE with the registry generated now; exit 1 and show the first difference when "
                    + "it is stale.")
    Path check;

    @Mixin
    ReportOptions options;

    @Override
    public Integer call() {
        if (!List.of("text", "json", "markdown").contains(format)) {
            throw new UsageException("--format " + format + " is not available here; choose one of text, json, markdown");
        }
        options.failOnSeverity();
        Project project = Project.load(projectDir, options.config);
        if (project.config().consumers().isEmpty()) {
            throw new InputException("no consumers declared: list the services that share the database under "
                    + "'consumers:' in schemaguard.yml (name, path, include)");
        }
        SchemaHistory schema = SchemaHistory.of(project.graph());
        ConsumerScan scan = Consumers.scan(project, schema);
        if (check != null) {
            return checkRegistry(registry(scan));
        }
        List<Finding> findings = new SeverityPolicy(project.config().rules())
                .apply(new ArrayList<>(ConsumerBreakage.of(project.graph(), schema, scan.uses(), java.util.Set.of(),
                        List.of())));
        findings.sort(Finding.ORDER);
        String text = switch (format) {
            case "markdown" -> registry(scan);
            case "json" -> json(scan, findings);
            default -> text(scan, findings);
        };
        Output.write(text, options.output, Main.stdout());
        boolean fails = options.failOnSeverity() != null
                && findings.stream().anyMatch(f -> f.severity().atLeast(options.failOnSeverity()));
        return fails ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private String registry(ConsumerScan scan) {
        return Registry.markdown(projectDir.toString().replace('\\', '/'), scan);
    }

    private int checkRegistry(String registry) {
        String existing;
        try {
            existing = Files.readString(check);
        } catch (NoSuchFileException e) {
            Main.stderr().println("schemaguard: " + check + " does not exist; write it with: schemaguard consumers "
                    + projectDir + " --format markdown --output " + check);
            return ExitCodes.FINDINGS;
        } catch (IOException e) {
            throw new InputException(check, "cannot read: " + e.getMessage());
        }
        String difference = Registry.firstDifference(registry, existing.replace("\r\n", "\n"));
        if (difference.isEmpty()) {
            Main.stdout().println(check + " is up to date");
            return ExitCodes.OK;
        }
        Main.stderr().println("schemaguard: " + check + " is stale (" + difference + ")\nRegenerate it with: "
                + "schemaguard consumers " + projectDir + " --format markdown --output " + check);
        return ExitCodes.FINDINGS;
    }

    private static String text(ConsumerScan scan, List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        Map<String, List<ConsumerScan.Query>> byConsumer = new TreeMap<>();
        scan.queries().forEach(q -> byConsumer.computeIfAbsent(q.consumer(), c -> new ArrayList<>()).add(q));
        for (Map.Entry<String, List<ConsumerScan.Query>> consumer : byConsumer.entrySet()) {
            out.append(consumer.getKey()).append(": ").append(consumer.getValue().size())
                    .append(consumer.getValue().size() == 1 ? " query" : " queries").append('\n');
            for (ConsumerScan.Query q : consumer.getValue()) {
                out.append("  ").append(q.file()).append(':').append(q.line()).append("  ")
                        .append(oneLine(q.sql())).append('\n');
                for (Reference r : q.references()) {
                    out.append("      ").append(r.access() == Reference.Access.WRITE ? "writes " : "reads  ")
                            .append(r.table()).append(r.star() ? ".*" : r.column() == null ? "" : "." + r.column())
                            .append('\n');
                }
            }
            out.append('\n');
        }
        List<ConsumerScan.Use> viaStar = scan.uses().stream().filter(ConsumerScan.Use::viaStar).toList();
        if (!viaStar.isEmpty()) {
            out.append("Columns used through a star select (member reads on its rows):\n");
            viaStar.forEach(u -> out.append("  ").append(u.consumer()).append(": ").append(u.table()).append('.')
                    .append(u.column()).append("  ").append(u.file()).append(':').append(u.line())
                    .append(" (SELECT ").append(u.table()).append(".* at line ").append(u.queryLine()).append(")\n"));
            out.append('\n');
        }
        if (!scan.ownTables().isEmpty()) {
            out.append("Tables the consumers own (no migration manages them):\n");
            scan.ownTables().stream().map(t -> "  " + t.consumer() + ": " + t.table()).distinct().sorted()
                    .forEach(line -> out.append(line).append('\n'));
            out.append('\n');
        }
        for (Finding f : findings) {
            out.append(f.severity().label()).append("  ").append(f.rule()).append("  ").append(f.file()).append(':')
                    .append(f.line()).append("\n  ").append(f.message()).append('\n');
        }
        out.append(scan.queries().size()).append(scan.queries().size() == 1 ? " query, " : " queries, ")
                .append(findings.size()).append(findings.size() == 1 ? " finding" : " findings").append('\n');
        return out.toString();
    }

    private static String oneLine(String sql) {
        String line = sql.strip().replaceAll("\\s+", " ");
        return line.length() > 100 ? line.substring(0, 97) + "..." : line;
    }

    private static String json(ConsumerScan scan, List<Finding> findings) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeStringField("tool", "schemaguard");
            json.writeStringField("version", Version.get());
            json.writeArrayFieldStart("queries");
            for (ConsumerScan.Query q : scan.queries()) {
                json.writeStartObject();
                json.writeStringField("consumer", q.consumer());
                json.writeStringField("file", q.file());
                json.writeNumberField("line", q.line());
                json.writeStringField("sql", q.sql());
                json.writeArrayFieldStart("references");
                for (Reference r : q.references()) {
                    json.writeStartObject();
                    json.writeStringField("table", r.table());
                    json.writeStringField("column", r.column());
                    json.writeStringField("access", r.access() == Reference.Access.WRITE ? "write" : "read");
                    json.writeBooleanField("star", r.star());
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("uses");
            for (ConsumerScan.Use u : scan.uses()) {
                json.writeStartObject();
                json.writeStringField("consumer", u.consumer());
                json.writeStringField("table", u.table());
                json.writeStringField("column", u.column());
                json.writeStringField("access", u.access() == Reference.Access.WRITE ? "write" : "read");
                json.writeStringField("file", u.file());
                json.writeNumberField("line", u.line());
                json.writeBooleanField("via_star", u.viaStar());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("own_tables");
            for (ConsumerScan.OwnTable t : scan.ownTables()) {
                json.writeStartObject();
                json.writeStringField("consumer", t.consumer());
                json.writeStringField("table", t.table());
                json.writeStringField("file", t.file());
                json.writeNumberField("line", t.line());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("problems");
            for (ConsumerScan.Problem p : scan.problems()) {
                json.writeStartObject();
                json.writeStringField("consumer", p.consumer());
                json.writeStringField("file", p.file());
                json.writeNumberField("line", p.line());
                json.writeStringField("message", p.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("findings");
            for (Finding f : findings) {
                JsonFormatter.writeFinding(json, f);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }
}
