package dev.schemaguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The published schemas of the formats CI systems read ({@code src/test/resources/schemas}, with their sources in
 * {@code SOURCES.md}), and assertions that a report is valid against them.
 */
public final class Schemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Schema SARIF = json("/schemas/sarif-schema-2.1.0.json", SpecificationVersion.DRAFT_4);
    private static final Schema GITLAB = json("/schemas/gitlab-code-quality.json", SpecificationVersion.DRAFT_7);

    private Schemas() {
    }

    /** Asserts that {@code text} is a SARIF 2.1.0 log by the OASIS schema; returns it parsed. */
    public static JsonNode assertSarif(String text) {
        return assertJson(SARIF, text, "SARIF 2.1.0");
    }

    /** Asserts that {@code text} is a GitLab Code Quality report; returns it parsed. */
    public static JsonNode assertGitlabCodeQuality(String text) {
        return assertJson(GITLAB, text, "GitLab Code Quality");
    }

    /** Asserts that {@code xml} is valid by the JUnit schema of Jenkins' xunit plugin. */
    public static void assertJenkinsJunit(String xml) {
        List<String> errors = new ArrayList<>();
        try (InputStream xsd = Schemas.class.getResourceAsStream("/schemas/junit-10.xsd")) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            Validator validator = factory.newSchema(new StreamSource(xsd)).newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) {
                    errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
                }

                @Override
                public void fatalError(SAXParseException e) {
                    errors.add("line " + e.getLineNumber() + ": " + e.getMessage());
                }
            });
            validator.validate(new StreamSource(new StringReader(xml)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.xml.sax.SAXException e) {
            errors.add(e.getMessage());
        }
        assertThat(errors).as("JUnit XML against the xunit plugin's junit-10.xsd:\n%s", xml).isEmpty();
    }

    private static JsonNode assertJson(Schema schema, String text, String what) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON:\n" + text, e);
        }
        List<String> errors = schema.validate(node).stream().map(Error::toString).toList();
        assertThat(errors).as("%s against its schema:\n%s", what, text).isEmpty();
        return node;
    }

    private static Schema json(String resource, SpecificationVersion version) {
        try (InputStream in = Schemas.class.getResourceAsStream(resource)) {
            return SchemaRegistry.withDefaultDialect(version).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
