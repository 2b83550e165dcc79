package io.altokit.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.slf4j.event.KeyValuePair;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One JSON object per log event, with the event's key-value pairs as top-level fields
 * ({@code {"level": "INFO", ..., "vtag": "3f0c", "pids": 12}}) where logback's own JsonEncoder nests
 * them in a {@code kvpList} array that log shippers cannot index. The fixed fields keep logback's
 * names; a pair whose key is one of them is written as {@code kv.KEY}.
 */
public final class FlatJsonEncoder extends EncoderBase<ILoggingEvent> {
    private static final Set<String> FIXED = Set.of("timestamp", "level", "threadName", "loggerName", "formattedMessage",
            "throwable");
    private static final byte[] NEWLINE = {'\n'};
    private final JsonFactory json = new JsonFactory();

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator line = json.createGenerator(out)) {
            line.writeStartObject();
            line.writeStringField("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
            line.writeStringField("level", event.getLevel().toString());
            line.writeStringField("threadName", event.getThreadName());
            line.writeStringField("loggerName", event.getLoggerName());
            line.writeStringField("formattedMessage", event.getFormattedMessage());
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs != null) {
                for (KeyValuePair pair : pairs) {
                    line.writeFieldName(FIXED.contains(pair.key) ? "kv." + pair.key : pair.key);
                    writeValue(line, pair.value);
                }
            }
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.writeStringField("throwable", ThrowableProxyUtil.asString(thrown));
            }
            line.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory: does not happen
        }
        out.writeBytes(NEWLINE);
        return out.toByteArray();
    }

    /** Numbers and booleans stay JSON numbers and booleans; anything else is its string form. */
    private static void writeValue(JsonGenerator line, Object value) throws IOException {
        switch (value) {
            case null -> line.writeNull();
            case Integer number -> line.writeNumber(number);
            case Long number -> line.writeNumber(number);
            case Double number -> line.writeNumber(number);
            case Boolean flag -> line.writeBoolean(flag);
            default -> line.writeString(value.toString());
        }
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
