package dev.schemaguard.graph;

import dev.schemaguard.source.Migration;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Draws the revision graph as Graphviz DOT or Mermaid, parents above children. */
public final class GraphRenderer {

    private GraphRenderer() {
    }

    public static String dot(MigrationGraph g, GraphAnalysis a) {
        StringBuilder out = new StringBuilder("digraph migrations {\n");
        out.append("  rankdir=TB;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        Set<String> heads = Set.copyOf(a.heads());
        Set<String> merges = Set.copyOf(a.merges());
        Set<String> forks = a.forks().stream().map(GraphAnalysis.Fork::at).collect(Collectors.toSet());
        for (Migration m : g.migrations()) {
            StringBuilder attrs = new StringBuilder("label=" + quote(m.id()) + ", tooltip=" + quote(m.displayFile()));
            if (heads.contains(m.id())) {
                attrs.append(", peripheries=2");
            }
            if (merges.contains(m.id())) {
                attrs.append(", style=\"rounded,filled\", fillcolor=\"#e8f0fe\"");
            } else if (forks.contains(m.id())) {
                attrs.append(", style=\"rounded,filled\", fillcolor=\"#fff4e5\"");
            }
            out.append("  ").append(quote(m.id())).append(" [").append(attrs).append("];\n");
        }
        for (Migration m : g.migrations()) {
            for (String parent : g.parents(m.id())) {
                out.append("  ").append(quote(parent)).append(" -> ").append(quote(m.id())).append(";\n");
            }
            for (String dependency : m.dependsOn()) {
                if (g.migration(dependency) != null) {
                    out.append("  ").append(quote(dependency)).append(" -> ").append(quote(m.id()))
                            .append(" [style=dashed, label=\"depends on\"];\n");
                }
            }
        }
        for (MigrationGraph.MissingParent missing : a.missingParents()) {
            out.append("  ").append(quote("missing:" + missing.parent())).append(" [label=")
                    .append(quote(missing.parent() + " (missing)")).append(", color=red, fontcolor=red];\n");
            out.append("  ").append(quote("missing:" + missing.parent())).append(" -> ").append(quote(missing.migration()))
                    .append(" [color=red, style=dashed];\n");
        }
        return out.append("}\n").toString();
    }

    public static String mermaid(MigrationGraph g, GraphAnalysis a) {
        StringBuilder out = new StringBuilder("flowchart TB\n");
        Map<String, String> node = new HashMap<>();
        Set<String> heads = Set.copyOf(a.heads());
        for (Migration m : g.migrations()) {
            String name = "m" + node.size();
            node.put(m.id(), name);
            String label = m.id().replace("\"", "#quot;");
            out.append("  ").append(name).append(heads.contains(m.id()) ? "([\"" + label + "\"])" : "[\"" + label + "\"]")
                    .append('\n');
        }
        for (Migration m : g.migrations()) {
            for (String parent : g.parents(m.id())) {
                out.append("  ").append(node.get(parent)).append(" --> ").append(node.get(m.id())).append('\n');
            }
            for (String dependency : m.dependsOn()) {
                if (node.containsKey(dependency)) {
                    out.append("  ").append(node.get(dependency)).append(" -. depends on .-> ").append(node.get(m.id())).append('\n');
                }
            }
        }
        int missingCount = 0;
        for (MigrationGraph.MissingParent missing : a.missingParents()) {
            String name = "missing" + missingCount++;
            out.append("  ").append(name).append("[\"").append(missing.parent().replace("\"", "#quot;"))
                    .append(" (missing)\"]:::missing\n");
            out.append("  ").append(name).append(" -.-> ").append(node.get(missing.migration())).append('\n');
        }
        if (missingCount > 0) {
            out.append("  classDef missing stroke:#d00,color:#d00\n");
        }
        return out.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
