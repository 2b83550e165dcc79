package io.altokit.model.signing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The RFC 8941 subset: what parses to what, what re-serialises identically, what is refused. */
class StructuredFieldsTest {
    @Test
    void parsesEveryBareItemType() throws Exception {
        Map<String, StructuredFields.Member> d = StructuredFields.parseDictionary(
                "a=1, b=-2.5, c=\"q\\\"s\\\\\", d=tok/x:y, e=:AQID:, f=?0, g, h=(1 \"x\");p=?1;q=3, i=*t");
        assertThat(((StructuredFields.Item) d.get("a")).value()).isEqualTo(1L);
        assertThat(((StructuredFields.Item) d.get("b")).value()).isEqualTo(new BigDecimal("-2.5"));
        assertThat(((StructuredFields.Item) d.get("c")).value()).isEqualTo("q\"s\\");
        assertThat(((StructuredFields.Item) d.get("d")).value()).isEqualTo(new StructuredFields.Token("tok/x:y"));
        assertThat(((StructuredFields.ByteSequence) ((StructuredFields.Item) d.get("e")).value()).bytes()).containsExactly(1, 2, 3);
        assertThat(((StructuredFields.Item) d.get("f")).value()).isEqualTo(false);
        assertThat(((StructuredFields.Item) d.get("g")).value()).isEqualTo(true);
        StructuredFields.InnerList h = (StructuredFields.InnerList) d.get("h");
        assertThat(h.items()).extracting(StructuredFields.Item::value).containsExactly(1L, "x");
        assertThat(h.params()).containsExactly(Map.entry("p", true), Map.entry("q", 3L));
        assertThat(((StructuredFields.Item) d.get("i")).value()).isEqualTo(new StructuredFields.Token("*t"));
        assertThat(List.copyOf(d.keySet())).containsExactly("a", "b", "c", "d", "e", "f", "g", "h", "i");
    }

    @Test
    void reserialisesCanonically() throws Exception {
        String canonical = "sig1=(\"@status\" \"content-digest\";sf);created=1;keyid=\"k\";x;y=?0";
        StructuredFields.Member m = StructuredFields.parseDictionary(canonical).get("sig1");
        assertThat(StructuredFields.serializeMember("sig1", m)).isEqualTo(canonical);
        // extra spaces inside the inner list are not canonical; re-serialisation removes them
        StructuredFields.Member spaced = StructuredFields.parseDictionary("sig1=(  \"a\"   \"b\" );created=1").get("sig1");
        assertThat(StructuredFields.serializeMember("sig1", spaced)).isEqualTo("sig1=(\"a\" \"b\");created=1");
        assertThat(StructuredFields.serializeBareItem(new BigDecimal("1.50"))).isEqualTo("1.5");
        assertThat(StructuredFields.serializeBareItem(new BigDecimal("2"))).isEqualTo("2.0");
    }

    @Test
    void laterDuplicateKeyWins() throws Exception {
        assertThat(((StructuredFields.Item) StructuredFields.parseDictionary("a=1, a=2").get("a")).value()).isEqualTo(2L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a=", "a=1,", "a=1 b=2", "A=1", "1a=1", "a=(1", "a=(1 2", "a=(1,2)", "a=\"x", "a=\"\\x\"",
            "a=\"é\"", "a=:AB", "a=:A!B:", "a=?2", "a=1234567890123456", "a=1.2345", "a=1234567890123.4", "a=-", "a=@1",
            "a=%\"x\"", "a=1;", "a=1;B=2", "a=(1)x", "a=1,,b=2", "a=1.", "a=--1"})
    void refusesMalformedInput(String field) {
        assertThatThrownBy(() -> StructuredFields.parseDictionary(field)).as(field)
                .isInstanceOf(StructuredFields.MalformedException.class);
    }

    @Test
    void stringSerialisationRefusesNonPrintable() {
        assertThatThrownBy(() -> StructuredFields.serializeString("a\nb")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StructuredFields.serializeString("é")).isInstanceOf(IllegalArgumentException.class);
    }
}
