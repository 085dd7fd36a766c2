package dev.schemaguard.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Workflow commands end at a line break and split properties at commas and colons: those are escaped. */
class GithubFormatterTest {

    @Test
    void annotationDataAndPropertiesAreEscaped() {
        assertThat(GithubFormatter.data("100% sure\r\nnext")).isEqualTo("100%25 sure%0D%0Anext");
        assertThat(GithubFormatter.property("db/a:b,c%.sql")).isEqualTo("db/a%3Ab%2Cc%25.sql");
    }
}
