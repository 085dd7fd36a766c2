package dev.schemaguard.graph;

import dev.schemaguard.source.Migration;

import org.jgrapht.traverse.TopologicalOrderIterator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
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

    private static final int NODE_WIDTH = 120;
    private static final int NODE_HEIGHT = 28;
    private static final int COLUMN = 140;
    private static final int ROW = 56;
    private static final int MARGIN = 20;

    /**
     * A self-contained SVG picture, laid out in layers: each migration one row below the deepest
     * migration it revises, parents above children, branches side by side. Needs no Graphviz.
     */
    public static String svg(MigrationGraph g, GraphAnalysis a) {
        return svg(g, a, id -> List.of());
    }

    /**
     * The same picture, each migration's group marked for a page that styles it: {@code class="node"} and the
     * classes {@code classes} gives it, {@code data-id} its id; each edge {@code class="edge"} with {@code data-from}
     * and {@code data-to}.
     */
    public static String svg(MigrationGraph g, GraphAnalysis a, java.util.function.Function<String, List<String>> classes) {
        List<String> order = new ArrayList<>(g.size());
        try {
            new TopologicalOrderIterator<>(g.graph(), g.fileOrder()).forEachRemaining(order::add);
        } catch (IllegalArgumentException cycle) {
            order.clear();
            g.migrations().forEach(m -> order.add(m.id()));
        }
        Map<String, Integer> layer = new HashMap<>();
        for (String id : order) {
            int depth = 0;
            for (String parent : g.parents(id)) {
                Integer above = layer.get(parent);
                if (above != null) {
                    depth = Math.max(depth, above + 1);
                }
            }
            layer.put(id, depth);
        }
        // A migration stays in the column of the first migration it revises, so the main line runs straight
        // down and a merge continues the line it names first; others in the same row move right.
        Map<Integer, List<String>> rows = new TreeMap<>();
        for (String id : order) {
            rows.computeIfAbsent(layer.get(id), k -> new ArrayList<>()).add(id);
        }
        Map<String, Integer> column = new HashMap<>();
        int widest = 1;
        for (List<String> row : rows.values()) {
            Map<String, Integer> wanted = new HashMap<>();
            for (String id : row) {
                List<String> parents = g.parents(id);
                wanted.put(id, parents.isEmpty() ? 0 : column.getOrDefault(parents.get(0), 0));
            }
            row.sort(Comparator.comparingInt(wanted::get));
            int next = 0;
            for (String id : row) {
                int placed = Math.max(wanted.get(id), next);
                column.put(id, placed);
                next = placed + 1;
            }
            widest = Math.max(widest, next);
        }
        Set<String> heads = Set.copyOf(a.heads());
        Set<String> merges = Set.copyOf(a.merges());
        Set<String> forks = a.forks().stream().map(GraphAnalysis.Fork::at).collect(Collectors.toSet());
        int width = MARGIN * 2 + widest * COLUMN;
        int height = MARGIN * 2 + rows.size() * ROW;
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        out.append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        for (String id : order) {
            for (RevisionEdge e : g.graph().incomingEdgesOf(id)) {
                String parent = g.graph().getEdgeSource(e);
                out.append("  <line class=\"edge\" data-from=\"").append(xml(parent)).append("\" data-to=\"")
                        .append(xml(id)).append("\" x1=\"").append(x(column.get(parent))).append("\" y1=\"")
                        .append(y(layer.get(parent)) + NODE_HEIGHT).append("\" x2=\"").append(x(column.get(id)))
                        .append("\" y2=\"").append(y(layer.get(id))).append("\" stroke=\"#555\"")
                        .append(e.kind() == RevisionEdge.Kind.DEPENDENCY ? " stroke-dasharray=\"4 3\"" : "")
                        .append("/>\n");
            }
        }
        for (String id : order) {
            int left = x(column.get(id)) - NODE_WIDTH / 2;
            int top = y(layer.get(id));
            String fill = merges.contains(id) ? "#e8f0fe" : forks.contains(id) ? "#fff4e5" : "#ffffff";
            List<String> marks = new ArrayList<>(List.of("node"));
            marks.addAll(classes.apply(id));
            out.append("  <g class=\"").append(xml(String.join(" ", marks))).append("\" data-id=\"").append(xml(id))
                    .append("\"><title>").append(xml(id + " — " + g.migration(id).displayFile())).append("</title>")
                    .append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"")
                    .append(NODE_WIDTH).append("\" height=\"").append(NODE_HEIGHT).append("\" rx=\"6\" fill=\"")
                    .append(fill).append("\" stroke=\"#333\" stroke-width=\"").append(heads.contains(id) ? 3 : 1)
                    .append("\"/><text x=\"").append(left + NODE_WIDTH / 2).append("\" y=\"").append(top + 18)
                    .append("\" text-anchor=\"middle\">").append(xml(id.length() > 16 ? id.substring(0, 15) + "…" : id))
                    .append("</text></g>\n");
        }
        return out.append("</svg>\n").toString();
    }

    private static int x(int column) {
        return MARGIN + column * COLUMN + COLUMN / 2;
    }

    private static int y(int layer) {
        return MARGIN + layer * ROW;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
