package io.altokit.tracker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bencoding (BEP 3), the tracker's wire format. Byte strings are {@code byte[]} (or {@code String}
 * as UTF-8 when encoding); dictionary keys are {@code String}s holding one char per byte
 * (ISO-8859-1), so binary keys such as a scrape's info hashes round-trip byte for byte and keys sort
 * as raw bytes, as BEP 3 requires. Integers are {@code Long}s. No I/O.
 */
public final class Bencode {
    private static final int MAX_DEPTH = 64;

    private Bencode() {
    }

    /** Encodes a {@code Map<String, ?>}, {@code List<?>}, {@code Long}/{@code Integer}, {@code byte[]} or {@code String}. */
    public static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case byte[] bytes -> {
                out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                out.write(':');
                out.writeBytes(bytes);
            }
            case String text -> write(out, text.getBytes(StandardCharsets.UTF_8));
            case Long number -> writeInteger(out, number);
            case Integer number -> writeInteger(out, number);
            case List<?> list -> {
                out.write('l');
                list.forEach(item -> write(out, item));
                out.write('e');
            }
            case Map<?, ?> map -> {
                out.write('d');
                new TreeMap<>(map).forEach((key, item) -> {
                    write(out, ((String) key).getBytes(StandardCharsets.ISO_8859_1));
                    write(out, item);
                });
                out.write('e');
            }
            default -> throw new IllegalArgumentException("cannot bencode a " + value.getClass().getName());
        }
    }

    private static void writeInteger(ByteArrayOutputStream out, long number) {
        out.write('i');
        out.writeBytes(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
        out.write('e');
    }

    /**
     * Decodes one complete value: {@code Map<String, Object>} (keys one char per byte),
     * {@code List<Object>}, {@code Long} or {@code byte[]}.
     *
     * @throws IllegalArgumentException with the offset when the input is not exactly one valid value
     */
    public static Object decode(byte[] data) {
        Decoder decoder = new Decoder(data);
        Object value = decoder.value(0);
        if (decoder.position != data.length) {
            throw decoder.error("trailing bytes after the value");
        }
        return value;
    }

    private static final class Decoder {
        private final byte[] data;
        private int position;

        Decoder(byte[] data) {
            this.data = data;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested deeper than " + MAX_DEPTH);
            }
            return switch (peek()) {
                case 'i' -> {
                    position++;
                    long number = number('e');
                    yield number;
                }
                case 'l' -> {
                    position++;
                    List<Object> list = new ArrayList<>();
                    while (peek() != 'e') {
                        list.add(value(depth + 1));
                    }
                    position++;
                    yield list;
                }
                case 'd' -> {
                    position++;
                    Map<String, Object> map = new TreeMap<>();
                    String previous = null;
                    while (peek() != 'e') {
                        String key = new String(bytes(), StandardCharsets.ISO_8859_1);
                        if (previous != null && previous.compareTo(key) >= 0) {
                            throw error("dictionary keys out of order or repeated: " + key);
                        }
                        previous = key;
                        map.put(key, value(depth + 1));
                    }
                    position++;
                    yield map;
                }
                default -> bytes();
            };
        }

        private byte[] bytes() {
            long length = number(':');
            if (length < 0 || length > data.length - position) {
                throw error("a string of " + length + " bytes does not fit");
            }
            byte[] bytes = java.util.Arrays.copyOfRange(data, position, position + (int) length);
            position += (int) length;
            return bytes;
        }

        private long number(char end) {
            int start = position;
            while (position < data.length && data[position] != end) {
                position++;
            }
            if (position == data.length) {
                throw error("missing '" + end + "'");
            }
            String digits = new String(data, start, position - start, StandardCharsets.US_ASCII);
            position++;
            if (!digits.matches("-?(0|[1-9][0-9]{0,18})") || digits.equals("-0")) {
                throw error("not a bencoded integer: \"" + digits + "\"");
            }
            return Long.parseLong(digits);
        }

        private int peek() {
            if (position >= data.length) {
                throw error("unexpected end of input");
            }
            return data[position];
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("bencode at byte " + position + ": " + message);
        }
    }
}
