package io.altokit.tracker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tracker request's query string, percent-decoded byte for byte: {@code info_hash} and
 * {@code peer_id} are binary, so they are never decoded as text. Bounded in parameter count and
 * value size.
 */
public final class QueryString {
    static final int MAX_PARAMETERS = 40;
    static final int MAX_VALUE_BYTES = 256;

    private final Map<String, List<byte[]>> parameters;

    private QueryString(Map<String, List<byte[]>> parameters) {
        this.parameters = parameters;
    }

    /** @param query the raw query, after '?' and still percent-encoded; may be empty */
    public static QueryString parse(String query) throws BadRequestException {
        Map<String, List<byte[]>> parameters = new HashMap<>();
        if (query.isEmpty()) {
            return new QueryString(parameters);
        }
        int count = 0;
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            if (++count > MAX_PARAMETERS) {
                throw new BadRequestException("more than " + MAX_PARAMETERS + " parameters");
            }
            int equals = pair.indexOf('=');
            String name = new String(decode(equals < 0 ? pair : pair.substring(0, equals)), StandardCharsets.ISO_8859_1);
            byte[] value = equals < 0 ? new byte[0] : decode(pair.substring(equals + 1));
            if (value.length > MAX_VALUE_BYTES) {
                throw new BadRequestException("parameter " + printable(name) + " is longer than " + MAX_VALUE_BYTES + " bytes");
            }
            parameters.computeIfAbsent(name, key -> new ArrayList<>(1)).add(value);
        }
        return new QueryString(parameters);
    }

    private static byte[] decode(String text) throws BadRequestException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw new BadRequestException("bad percent-encoding at \"" + printable(text.substring(i, Math.min(i + 3, text.length()))) + "\"");
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(c == '+' ? ' ' : c & 0xff);
            }
        }
        return out.toByteArray();
    }

    /** The one value of {@code name}, if present; a repeated parameter is an error. */
    public Optional<byte[]> single(String name) throws BadRequestException {
        List<byte[]> values = parameters.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw new BadRequestException("parameter " + name + " is repeated");
        }
        return Optional.of(values.getFirst());
    }

    /** Every value of a parameter that may repeat (a scrape's info_hash). */
    public List<byte[]> all(String name) {
        return parameters.getOrDefault(name, List.of());
    }

    /** A parameter name or value fit for an error message: ASCII letters and digits, the rest escaped. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), 40); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? String.valueOf(c) : "\\x%02x".formatted((int) c & 0xff));
        }
        return text.length() > 40 ? out + "..." : out.toString();
    }
}
