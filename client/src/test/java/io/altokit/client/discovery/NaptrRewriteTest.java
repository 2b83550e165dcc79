package io.altokit.client.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NaptrRewriteTest {
    @Test
    void uNaptrFormReplacesTheWholeString() {
        assertThat(NaptrRewrite.apply("!.*!https://alto.example.net/ird!", "example.net")).contains("https://alto.example.net/ird");
        assertThat(NaptrRewrite.apply("#.*#https://a.example/x#", "anything")).contains("https://a.example/x");
    }

    @Test
    void backReferencesAndCaseFlag() {
        assertThat(NaptrRewrite.apply("!^([a-z]+)\\.example\\.net$!https://alto.\\1.example/ird!", "east.example.net"))
                .contains("https://alto.east.example/ird");
        assertThat(NaptrRewrite.apply("!^EAST(.*)$!https://e\\1/!i", "east.example")).contains("https://e.example/");
    }

    @Test
    void malformedRegexpsAreRejected() {
        assertThat(NaptrRewrite.apply("", "x")).isEmpty();
        assertThat(NaptrRewrite.apply("!.*!no-end", "x")).isEmpty();
        assertThat(NaptrRewrite.apply("!(!x!", "x")).isEmpty();
        assertThat(NaptrRewrite.apply("!.*!\\2!", "x")).isEmpty();
        assertThat(NaptrRewrite.apply("!^y$!z!", "x")).isEmpty();
        assertThat(NaptrRewrite.apply("!.*!x!q", "x")).isEmpty();
    }
}
