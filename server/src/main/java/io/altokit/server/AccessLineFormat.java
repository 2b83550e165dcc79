package io.altokit.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * How one access-log line is laid out, written straight into a byte buffer field by field (no
 * pattern formatting, no strings built per line). Text, like the other log lines:
 * {@code 09:14:03.127 INFO access remote=127.0.0.1 method=POST uri=/endpointcost/lookup status=200 bytes=2714 micros=83 client=-};
 * JSON, like logback's JSON encoder: one object per line with {@code loggerName} {@code io.altokit.access},
 * the constant {@code formattedMessage} {@code answered} (every JSON log line has one) and the fields
 * {@code remote}, {@code method}, {@code uri}, {@code status}, {@code bytes}, {@code micros},
 * {@code client} (null when no client was authenticated).
 *
 * <p>Request-controlled text (method, URI, client name) is escaped so that no control byte, quote or
 * non-ASCII character reaches the log raw (no log or terminal injection): in text as a backslash,
 * {@code x} and two hex digits (or {@code u} and four above 0xff), with space, quote and backslash
 * escaped too so that fields split on spaces; in JSON as a backslash, {@code u} and four hex digits.
 * Longer values are cut at {@link #MAX_VALUE_CHARS} and end in {@code ...}.
 */
enum AccessLineFormat {
    TEXT {
        @Override
        void write(LineBuffer line, long epochMillis, String remote, String method, String uri, int status,
                   long bytes, long micros, String client) {
            line.timeOfDay(epochMillis);
            line.ascii(" INFO access remote=").ascii(remote)
                    .ascii(" method=").escapedText(method)
                    .ascii(" uri=").escapedText(uri)
                    .ascii(" status=").number(status)
                    .ascii(" bytes=").number(bytes)
                    .ascii(" micros=").number(micros)
                    .ascii(" client=");
            if (client == null) {
                line.ascii("-");
            } else {
                line.escapedText(client);
            }
            line.newline();
        }
    },
    JSON {
        @Override
        void write(LineBuffer line, long epochMillis, String remote, String method, String uri, int status,
                   long bytes, long micros, String client) {
            line.ascii("{\"timestamp\":").number(epochMillis)
                    .ascii(",\"level\":\"INFO\",\"loggerName\":\"io.altokit.access\",\"formattedMessage\":\"answered\"")
                    .ascii(",\"remote\":\"").ascii(remote)
                    .ascii("\",\"method\":\"").escapedJson(method)
                    .ascii("\",\"uri\":\"").escapedJson(uri)
                    .ascii("\",\"status\":").number(status)
                    .ascii(",\"bytes\":").number(bytes)
                    .ascii(",\"micros\":").number(micros)
                    .ascii(",\"client\":");
            if (client == null) {
                line.ascii("null");
            } else {
                line.ascii("\"").escapedJson(client).ascii("\"");
            }
            line.ascii("}").newline();
        }
    };

    /** Longest method, URI or client name written in full. */
    static final int MAX_VALUE_CHARS = 2048;
    /** Room one line may need: three values escaped at 6 bytes a character, and the fixed parts. */
    static final int MAX_LINE_BYTES = 3 * 6 * (MAX_VALUE_CHARS + 3) + 512;

    abstract void write(LineBuffer line, long epochMillis, String remote, String method, String uri, int status,
                        long bytes, long micros, String client);

    /** The format the command line chose ({@code --log-format json} sets {@code altokit.log.format}). */
    static AccessLineFormat configured() {
        return "json".equals(System.getProperty("altokit.log.format")) ? JSON : TEXT;
    }

    /**
     * A reusable buffer for one line at a time, owned by one thread. It keeps the formatted time of
     * day of the current second, so the clock is formatted once a second, not once a line.
     */
    static final class LineBuffer {
        private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

        private final ByteBuffer bytes = ByteBuffer.allocate(MAX_LINE_BYTES);
        private final ZoneId zone;
        private final byte[] second = new byte[9]; // "HH:mm:ss."
        private long secondStart = Long.MIN_VALUE;

        LineBuffer(ZoneId zone) {
            this.zone = zone;
        }

        ByteBuffer clear() {
            return bytes.clear();
        }

        /** The line written so far, from its start to its end. */
        ByteBuffer flip() {
            return bytes.flip();
        }

        LineBuffer timeOfDay(long epochMillis) {
            long start = Math.floorDiv(epochMillis, 1000) * 1000;
            if (start != secondStart) {
                LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(start), zone);
                twoDigits(time.getHour(), 0);
                twoDigits(time.getMinute(), 3);
                twoDigits(time.getSecond(), 6);
                second[2] = ':';
                second[5] = ':';
                second[8] = '.';
                secondStart = start;
            }
            bytes.put(second);
            int millis = (int) (epochMillis - start);
            bytes.put((byte) ('0' + millis / 100)).put((byte) ('0' + millis / 10 % 10)).put((byte) ('0' + millis % 10));
            return this;
        }

        private void twoDigits(int value, int at) {
            second[at] = (byte) ('0' + value / 10);
            second[at + 1] = (byte) ('0' + value % 10);
        }

        /** Text known to be printable ASCII (constants, IP addresses). */
        LineBuffer ascii(String text) {
            for (int i = 0; i < text.length(); i++) {
                bytes.put((byte) text.charAt(i));
            }
            return this;
        }

        LineBuffer number(long value) {
            if (value < 0) {
                bytes.put((byte) '-');
                value = -value;
            }
            long scale = 1;
            while (scale <= value / 10) {
                scale *= 10;
            }
            for (; scale > 0; scale /= 10) {
                bytes.put((byte) ('0' + value / scale % 10));
            }
            return this;
        }

        LineBuffer escapedText(String value) {
            if (value.isEmpty()) {
                return ascii("\"\"");
            }
            int end = Math.min(value.length(), MAX_VALUE_CHARS);
            for (int i = 0; i < end; i++) {
                char c = value.charAt(i);
                if (c > ' ' && c < 0x7f && c != '"' && c != '\\') {
                    bytes.put((byte) c);
                } else {
                    escapeEach(c, c > 0xff ? "\\u" : "\\x", c > 0xff ? 4 : 2);
                }
            }
            return cut(value);
        }

        LineBuffer escapedJson(String value) {
            int end = Math.min(value.length(), MAX_VALUE_CHARS);
            for (int i = 0; i < end; i++) {
                char c = value.charAt(i);
                if (c >= ' ' && c < 0x7f && c != '"' && c != '\\') {
                    bytes.put((byte) c);
                } else {
                    escapeEach(c, "\\u", 4);
                }
            }
            return cut(value);
        }

        private LineBuffer cut(String value) {
            return value.length() > MAX_VALUE_CHARS ? ascii("...") : this;
        }

        /** {@code prefix} and the character's code in {@code digits} hex digits. */
        private void escapeEach(char c, String prefix, int digits) {
            ascii(prefix);
            for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
                bytes.put(HEX[(c >> shift) & 0xf]);
            }
        }

        void newline() {
            bytes.put((byte) '\n');
        }
    }
}
