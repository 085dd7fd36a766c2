package dev.schemaguard.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemaguard.io.InputException;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Liquibase changelog in XML, YAML or JSON as one tree of elements with their lines, the three notations made
 * alike: an XML element is a YAML/JSON object under its name; scalar fields are attributes; a list field
 * ({@code changes}, {@code columns}) holds children directly, as XML nests them.
 */
final class LiquibaseTree {

    /** An element: its name, attributes, text (an XML element's, or a YAML/JSON scalar given for it), and line. */
    static final class Node {
        final String name;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Node> children = new ArrayList<>();
        final int line;
        String text = "";
        int textLine;

        Node(String name, int line) {
            this.name = name;
            this.line = line;
            this.textLine = line;
        }

        String attribute(String key) {
            return attributes.get(key);
        }

        List<Node> children(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).toList();
        }

        Node child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElse(null);
        }
    }

    private LiquibaseTree() {
    }

    /** Parses a changelog; its root is the {@code databaseChangeLog} element. */
    static Node parse(String text, Path display) {
        String name = display.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".xml")) {
            return xml(text, display);
        }
        return jackson(text, display, name.endsWith(".json") ? new JsonFactory() : new YAMLFactory());
    }

    private static Node xml(String text, Path display) {
        Node root = new Node("document", 1);
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(new org.xml.sax.InputSource(new StringReader(text)), new DefaultHandler() {
                private Locator locator;
                private final Deque<Node> open = new ArrayDeque<>(List.of(root));
                private boolean textStarted;

                @Override
                public void setDocumentLocator(Locator locator) {
                    this.locator = locator;
                }

                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    // the locator stands at the end of the start tag; a tag on one line starts there
                    Node node = new Node(localName.isEmpty() ? qName : localName, locator.getLineNumber());
                    for (int i = 0; i < attributes.getLength(); i++) {
                        String key = attributes.getLocalName(i).isEmpty() ? attributes.getQName(i)
                                : attributes.getLocalName(i);
                        node.attributes.put(key, attributes.getValue(i));
                    }
                    open.peek().children.add(node);
                    open.push(node);
                    textStarted = false;
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    Node node = open.peek();
                    if (!textStarted) {
                        node.textLine = locator.getLineNumber() - (int) new String(ch, start, length).chars()
                                .filter(c -> c == '\n').count();
                        textStarted = true;
                    }
                    node.text += new String(ch, start, length);
                }

                @Override
                public void endElement(String uri, String localName, String qName) {
                    open.pop();
                    textStarted = false;
                }
            });
        } catch (SAXParseException e) {
            throw new InputException(display, Math.max(1, e.getLineNumber()), "not a readable XML changelog: "
                    + e.getMessage());
        } catch (org.xml.sax.SAXException | javax.xml.parsers.ParserConfigurationException | IOException e) {
            throw new InputException(display, 1, "not a readable XML changelog: " + e.getMessage());
        }
        Node changelog = root.child("databaseChangeLog");
        if (changelog == null) {
            throw new InputException(display, 1, "not a Liquibase changelog: no <databaseChangeLog> root element");
        }
        return changelog;
    }

    private static Node jackson(String text, Path display, JsonFactory factory) {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InputException(display, 1, "not a Liquibase changelog: expected a databaseChangeLog mapping");
            }
            Node document = new Node("document", 1);
            object(parser, document);
            Node changelog = document.child("databaseChangeLog");
            if (changelog == null) {
                throw new InputException(display, 1, "not a Liquibase changelog: no databaseChangeLog key");
            }
            return changelog;
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? Math.max(1, p.getLocation().getLineNr()) : 1;
            throw new InputException(display, line, "not a readable changelog: " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
    }

    /** Reads the fields of an object (the parser just past its START_OBJECT) into {@code node}. */
    private static void object(JsonParser parser, Node node) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonLocation at = parser.currentLocation();
            JsonToken value = parser.nextToken();
            int line = (int) Math.max(1, at.getLineNr());
            switch (value) {
                case START_OBJECT -> {
                    Node child = new Node(key, line);
                    node.children.add(child);
                    object(parser, child);
                }
                case START_ARRAY -> array(parser, node, key, line);
                case VALUE_NULL -> {
                }
                default -> {
                    node.attributes.put(key, scalar(parser));
                    if (key.equals("sql") || key.equals("text") || key.equals("rollback")) {
                        node.textLine = (int) Math.max(1, parser.currentTokenLocation().getLineNr());
                    }
                }
            }
        }
    }

    /**
     * A scalar as Liquibase reads it. Liquibase loads YAML (and JSON, as YAML) with SnakeYAML's YAML 1.1 types and
     * turns the number it gets into text, so an unquoted {@code id: 002} is the octal 2, recorded as "2", and
     * {@code 1.10} is "1.1".
     */
    private static String scalar(JsonParser parser) throws IOException {
        boolean number = parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                || parser.currentToken() == JsonToken.VALUE_NUMBER_FLOAT;
        if (number) {
            Object value = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                    new org.yaml.snakeyaml.LoaderOptions())).load(parser.getText());
            return String.valueOf(value);
        }
        return parser.getText();
    }

    /** A list field: each item that is a one-key object is a child element; scalars join as text. */
    private static void array(JsonParser parser, Node node, String key, int line) throws IOException {
        Node holder = key.equals("changes") || key.equals("columns") || key.equals("databaseChangeLog")
                || key.equals("rollback") || key.equals("preConditions") || key.equals("where") ? node
                : new Node(key, line);
        if (holder != node) {
            node.children.add(holder);
        }
        Node target = key.equals("rollback") ? new Node("rollback", line) : holder;
        if (target != holder) {
            node.children.add(target);
        }
        if (key.equals("databaseChangeLog")) {
            target = new Node("databaseChangeLog", line);
            node.children.add(target);
        }
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == JsonToken.START_OBJECT) {
                Node item = new Node("item", (int) Math.max(1, parser.currentLocation().getLineNr()));
                object(parser, item);
                if (item.attributes.isEmpty() && item.children.size() == 1) {
                    target.children.add(item.children.get(0));
                } else {
                    target.children.add(item);
                }
            } else if (parser.currentToken() == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else {
                target.text += (target.text.isEmpty() ? "" : "\n") + scalar(parser);
            }
        }
    }
}
