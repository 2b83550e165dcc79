package io.altokit.app.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FlatJsonEncoderTest {
    private final LoggerContext context = new LoggerContext();

    @Test
    void keyValuePairsBecomeTopLevelFieldsOfOneLine() throws Exception {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger("io.altokit.provision.reload.ConfigReloader"),
                Level.INFO, "configuration reloaded: {}", null, new Object[] {"costs changed: routingcost"});
        event.addKeyValuePair(new KeyValuePair("vtag", "3f0c"));
        event.addKeyValuePair(new KeyValuePair("pids", 12));
        event.addKeyValuePair(new KeyValuePair("level", "not the level"));
        String encoded = new String(new FlatJsonEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(encoded).endsWith("}\n").doesNotContain("kvpList").hasLineCount(1);
        JsonNode line = new ObjectMapper().readTree(encoded);
        assertThat(line.get("formattedMessage").asText()).isEqualTo("configuration reloaded: costs changed: routingcost");
        assertThat(line.get("loggerName").asText()).isEqualTo("io.altokit.provision.reload.ConfigReloader");
        assertThat(line.get("vtag").asText()).isEqualTo("3f0c");
        assertThat(line.get("pids").isInt()).as("numbers stay numbers").isTrue();
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("kv.level").asText()).as("a pair never overwrites a fixed field").isEqualTo("not the level");
    }
}
