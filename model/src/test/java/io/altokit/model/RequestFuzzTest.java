package io.altokit.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutates valid bodies of the four request types (seeded, so a failure replays) and feeds every
 * mutant to all four decoders and to the endpoint cost fast path. A decoder either returns a value or
 * throws {@link AltoException} with a sane RFC 7285 error: one of the four codes, a known field path,
 * an encodable error object, and E_SYNTAX exactly when an independent strict JSON check ({@link
 * StrictJson}) says the body is not JSON. The fast path never throws and agrees with the decoder.
 * Anything else fails and leaves the input under target/fuzz-failures/ in the corpus format
 * (request-corpus/KIND--NAME--EXPECTED.json). Override with -Drequest.fuzz.seed=... -Drequest.fuzz.cases=...
 */
class RequestFuzzTest {
    private static final long SEED = Long.getLong("request.fuzz.seed", 7285L);
    private static final int CASES = Integer.getInteger("request.fuzz.cases", 12_000);
    /**
     * A decode of a body this small (well under a megabyte) using more CPU than this is pathological.
     * CPU time of the decoding thread, not wall time: on a loaded machine a decode (the first one
     * above all, which loads the decoder's classes) can wait seconds for a core without doing more work.
     */
    private static final long MAX_CPU_NANOS = 2_000_000_000L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The four decoders, by the short names the corpus files start with. */
    enum Kind {
        NMF(RequestDecoder::networkMapFilter, """
                {"pids": ["PID1", "area-01"], "address-types": ["ipv4", "ipv6"]}"""),
        CMF(RequestDecoder::costMapFilter, """
                {"cost-type": {"cost-mode": "numerical", "cost-metric": "routingcost", "description": "d"},
                 "constraints": ["le 5", "ge 0.5e1"], "pids": {"srcs": ["PID1"], "dsts": ["PID2", "PID3"]}}"""),
        EPS(RequestDecoder::endpointProperties, """
                {"properties": ["my-default-network-map.pid", "priv:ietf-type"],
                 "endpoints": ["ipv4:192.0.2.34", "ipv6:2001:db8::1"]}"""),
        ECS(RequestDecoder::endpointCost, """
                {"cost-type": {"cost-mode": "ordinal", "cost-metric": "routingcost"}, "constraints": ["lt 10"],
                 "endpoints": {"srcs": ["ipv4:10.1.2.3"], "dsts": ["ipv4:10.2.0.1", "ipv6:2001:db8::1", "ipv6:::ffff:10.0.0.1"]}}"""),
        PMF(RequestDecoder::propertyMap, """
                {"entities": ["ipv4:192.0.2.0/26", "ipv6:2001:db8::1", "default-network-map.pid:pid1"],
                 "properties": [".region", "default-network-map.pid"]}""");

        final Function<byte[], ?> decoder;
        final String seed;

        Kind(Function<byte[], ?> decoder, String seed) {
            this.decoder = decoder;
            this.seed = seed;
        }

        String prefix() {
            return name().toLowerCase();
        }
    }

    /** Every path a decoder may name in an error. */
    static final Set<String> FIELDS = Set.of("pids", "address-types", "cost-type", "cost-type/cost-mode",
            "cost-type/cost-metric", "cost-type/description", "constraints", "pids/srcs", "pids/dsts", "properties",
            "endpoints", "endpoints/srcs", "endpoints/dsts", "entities");

    /** What one decoder did with one body: null for success, else the error. */
    static AltoError decode(Kind kind, byte[] body, String label) {
        long start = THREADS.getCurrentThreadCpuTime();
        AltoError error = null;
        try {
            kind.decoder.apply(body);
        } catch (AltoException e) {
            error = e.error();
            if (error == null) {
                throw failure(kind, body, label, "AltoException without an error");
            }
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw failure(kind, body, label, "unexpected " + e);
        }
        long took = THREADS.getCurrentThreadCpuTime() - start;
        if (took > MAX_CPU_NANOS) {
            throw failure(kind, body, label, "took " + took / 1_000_000 + " ms of CPU");
        }
        if (error != null) {
            String sanity = insane(error, body);
            if (sanity != null) {
                throw failure(kind, body, label, sanity + ": " + error.describe());
            }
        }
        return error;
    }

    /** Why an error object is not one the server may send, or null. */
    static String insane(AltoError error, byte[] body) {
        if (error.code() == ErrorCode.E_SYNTAX) {
            if (error.field().isPresent() || error.syntaxError().isEmpty()) {
                return "E_SYNTAX names a field or has no description";
            }
        } else {
            if (error.field().isEmpty() || !FIELDS.contains(error.field().get())) {
                return "unknown field path";
            }
            if (error.syntaxError().isPresent()) {
                return "syntax description on a non-syntax error";
            }
            if (error.code() != ErrorCode.E_INVALID_FIELD_VALUE && error.value().isPresent()) {
                return "value on " + error.code();
            }
            if (error.value().isPresent() && error.value().get().length() > Math.max(64, 2 * body.length)) {
                return "value longer than the body";
            }
        }
        byte[] encoded;
        try {
            encoded = ResponseEncoder.error(error);
        } catch (RuntimeException e) {
            return "error object cannot be encoded (" + e + ")";
        }
        if (StrictJson.check(encoded) != StrictJson.Verdict.VALID) {
            return "encoded error object is not valid JSON: " + new String(encoded, StandardCharsets.UTF_8);
        }
        return null;
    }

    /** The error code expected from the oracle's verdict, checked against what the decoder said. */
    static void checkAgainstOracle(Kind kind, byte[] body, AltoError error, String label) {
        StrictJson.Verdict verdict = StrictJson.check(body);
        boolean syntax = error != null && error.code() == ErrorCode.E_SYNTAX;
        switch (verdict) {
            case INVALID, OVER_LIMIT -> {
                if (!syntax) {
                    throw failure(kind, body, label, verdict + " JSON but " + (error == null ? "decoded" : error.describe()));
                }
            }
            case VALID -> {
                if (syntax) {
                    throw failure(kind, body, label, "valid JSON but " + error.describe());
                }
            }
            case EITHER -> {
                // a leading byte order mark may be ignored or refused
            }
        }
    }

    /** The fast path never throws, and whatever it accepts the full decoder decodes the same way. */
    static void checkScanner(byte[] body, String label) {
        Optional<EndpointCostRequest> scanned;
        try {
            scanned = EndpointCostScan.read(body).map(EndpointCostScan::toRequest);
        } catch (RuntimeException | StackOverflowError e) {
            throw failure(Kind.ECS, body, label, "fast path threw " + e);
        }
        if (scanned.isPresent()) {
            EndpointCostRequest full;
            try {
                full = RequestDecoder.endpointCost(body);
            } catch (AltoException e) {
                throw failure(Kind.ECS, body, label, "fast path accepted what the decoder refused: " + e.getMessage());
            }
            if (!full.equals(scanned.get())) {
                throw failure(Kind.ECS, body, label, "fast path and decoder disagree: " + scanned.get() + " vs " + full);
            }
        }
    }

    @Test
    void mutatedRequestsGetAnRfc7285ErrorOrDecode() {
        SplittableRandom random = new SplittableRandom(SEED);
        Kind[] kinds = Kind.values();
        // The four RFC 7285 codes, then "decoded"; a request decoder never sends the protection layer's codes.
        int[] outcomes = new int[ErrorCode.E_INVALID_FIELD_VALUE.ordinal() + 2];
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < CASES; i++) {
            Kind from = kinds[random.nextInt(kinds.length)];
            byte[] body = mutate(from.seed, random);
            String label = "seed " + SEED + " case " + i + " (from " + from.prefix() + ")";
            try {
                for (Kind kind : kinds) {
                    AltoError error = decode(kind, body, label);
                    checkAgainstOracle(kind, body, error, label);
                    outcomes[error == null ? outcomes.length - 1 : error.code().ordinal()]++;
                }
                checkScanner(body, label);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
                if (failures.size() >= 20) {
                    break;
                }
            }
        }
        assertThat(failures).as("fuzz failures (inputs under target/fuzz-failures/)").isEmpty();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("RequestFuzzTest: %d cases x %d decoders in %d ms; E_SYNTAX %d, E_MISSING_FIELD %d, "
                        + "E_INVALID_FIELD_TYPE %d, E_INVALID_FIELD_VALUE %d, decoded %d%n", CASES, Kind.values().length, millis,
                outcomes[0], outcomes[1], outcomes[2], outcomes[3], outcomes[4]);
        for (int count : outcomes) {
            assertThat(count).as("every outcome is reached: the mutations go deep").isGreaterThan(CASES / 100);
        }
    }

    // ---- mutations ----

    /** Values that swap in for a JSON value: other types, extremes, escapes. */
    private static final String[] VALUES = {
            "1", "-0", "0.5", "1e400", "-1e-400", "123456789012345678901234567890", "1E+2", "true", "false", "null",
            "{}", "[]", "\"\"", "[\"\"]", "[null]", "[1]", "[[]]", "[{}]", "{\"a\":1}", "\"\\u0000\"", "[\"\\u0000\"]",
            "\"\\ud800\"", "[\"\\udc00x\"]", "[\"ipv4:1.2.3.4\\ud800\"]", "\"\\ud83d\\ude00\"", "[\"\\u0069pv4:1.2.3.4\"]",
            "[\"ipv4:1.2.3.4\\u0000\"]", "[\"\\\\\"]", "\"\\/\"", "[\"PID\\u00001\"]", "[\"le\\u00a05\"]",
            "[\"le 0x1p3\"]", "[\"le 5f\"]", "[\"le 1e400\"]", "[\"le -Infinity\"]", "[\"le  5\"]", "[\" le 5 \"]",
            "[\"le 5\\u0000\"]", "[\"ipv6:::\"]", "[\"ipv6:::ffff:1.2.3.4\"]", "[\"ipv6:1::2::3\"]",
            "[\"ipv6:fe80::1%eth0\"]", "[\"ipv4:01.2.3.4\"]", "[\"ipv4:1.2.3.4.5\"]", "[\"ipv4:\"]", "[\"ipv6:\"]",
            "[\"ipv4\"]", "[\"ipv6:1:2:3:4:5:6:7:8:9\"]", "[\"ipv6:12345::\"]", "[\"ipv6:1.2.3.4\"]",
            "\"\u00e9\"", "[\"\u00e9\"]", "\"\ud83d\ude00\"", "{\"cost-mode\":\"numerical\"}",
            "{\"cost-mode\":\"ordinal\",\"cost-metric\":\"priv:\"}", "{\"srcs\":[],\"dsts\":[]}", "{\"dsts\":[]}",
    };

    static byte[] mutate(String seed, SplittableRandom random) {
        String text = seed;
        if (random.nextInt(4) != 0) {
            text = structural(text, random);
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        int byteEdits = random.nextInt(3) == 0 ? 1 + random.nextInt(3) : 0;
        for (int e = 0; e < byteEdits; e++) {
            body = byteLevel(body, random);
        }
        return body;
    }

    /** One edit that knows the JSON structure of the (valid) text. */
    private static String structural(String text, SplittableRandom random) {
        List<int[]> values = valueSpans(text);
        int[] span = values.get(random.nextInt(values.size()));
        return switch (random.nextInt(12)) {
            case 0, 1, 2 -> replace(text, span, VALUES[random.nextInt(VALUES.length)]);
            case 3 -> replace(text, span, big(random));
            case 4 -> duplicateKey(text, random);
            case 5 -> replace(text, span, escapeSome(text.substring(span[0], span[1]), random));
            case 6 -> dropMember(text, random);
            case 7 -> replace(text, span, "[" + text.substring(span[0], span[1]) + "]");
            case 8 -> text.substring(0, random.nextInt(text.length() + 1)); // truncation
            case 9 -> replace(text, span, text.substring(span[0], span[1]) + ",\"extra\":" + VALUES[random.nextInt(VALUES.length)]);
            case 10 -> {
                int[] other = values.get(random.nextInt(values.size()));
                yield replace(text, span, text.substring(other[0], other[1])); // another field's value
            }
            default -> random.nextBoolean() ? "\ufeff" + text : text + (random.nextBoolean() ? " {}" : "\u0000");
        };
    }

    /** Large or deep values: long strings, deep nesting, many elements, long numbers. */
    private static String big(SplittableRandom random) {
        int n = switch (random.nextInt(3)) {
            case 0 -> 900 + random.nextInt(200); // around the nesting and number limits
            case 1 -> 5_000;
            default -> 20_000;
        };
        return switch (random.nextInt(8)) {
            case 0 -> "[".repeat(n) + "]".repeat(n);
            case 1 -> "{\"a\":".repeat(n) + "1" + "}".repeat(n);
            case 2 -> "[\"" + "a".repeat(n * 5) + "\"]";
            case 3 -> "[" + "\"ipv4:10.0.0.1\",".repeat(n) + "\"ipv6:::1\"]";
            case 4 -> "1".repeat(n);
            case 5 -> "0." + "1".repeat(n) + "e-99999999999";
            case 6 -> "[\"" + "\\u0041".repeat(n) + "\"]";
            default -> "[" + "[".repeat(n) + "]".repeat(n) + "]";
        };
    }

    private static String escapeSome(String value, SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                inString = !inString;
                out.append(c);
            } else if (inString && c != '\\' && random.nextInt(3) == 0) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String duplicateKey(String text, SplittableRandom random) {
        int brace = text.indexOf('{', random.nextInt(text.length()));
        if (brace < 0) {
            brace = 0;
        }
        List<int[]> values = valueSpans(text);
        for (int[] span : values) {
            if (span[2] > brace && span[2] >= 0) { // a member: duplicate "name": value
                String member = text.substring(span[2], span[1]);
                return text.substring(0, span[1]) + "," + member + text.substring(span[1]);
            }
        }
        return text;
    }

    private static String dropMember(String text, SplittableRandom random) {
        List<int[]> members = valueSpans(text).stream().filter(s -> s[2] >= 0).toList();
        int[] member = members.get(random.nextInt(members.size()));
        String before = text.substring(0, member[2]);
        String after = text.substring(member[1]);
        if (after.stripLeading().startsWith(",")) {
            after = after.stripLeading().substring(1);
        } else if (before.stripTrailing().endsWith(",")) {
            before = before.stripTrailing();
            before = before.substring(0, before.length() - 1);
        }
        return before + after;
    }

    private static String replace(String text, int[] span, String with) {
        return text.substring(0, span[0]) + with + text.substring(span[1]);
    }

    /** Each value's [start, end, memberStart] in a valid JSON text; memberStart is -1 for array elements and the root. */
    static List<int[]> valueSpans(String text) {
        List<int[]> spans = new ArrayList<>();
        new Object() {
            int at;

            void ws() {
                while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                    at++;
                }
            }

            int value(int memberStart) {
                ws();
                int start = at;
                char c = text.charAt(at);
                if (c == '{' || c == '[') {
                    at++;
                    ws();
                    char close = c == '{' ? '}' : ']';
                    while (text.charAt(at) != close) {
                        if (c == '{') {
                            int member = at;
                            string();
                            ws();
                            at++; // ':'
                            value(member);
                        } else {
                            value(-1);
                        }
                        ws();
                        if (text.charAt(at) == ',') {
                            at++;
                            ws();
                        }
                    }
                    at++;
                } else if (c == '"') {
                    string();
                } else {
                    while (at < text.length() && "{}[],: \n\t\r".indexOf(text.charAt(at)) < 0) {
                        at++;
                    }
                }
                spans.add(new int[] {start, at, memberStart});
                return at;
            }

            void string() {
                at++;
                while (text.charAt(at) != '"') {
                    at += text.charAt(at) == '\\' ? 2 : 1;
                }
                at++;
            }
        }.value(-1);
        return spans;
    }

    /** Bytes replaced, dropped, inserted (JSON punctuation, invalid UTF-8), a slice repeated, the tail cut, UTF-16. */
    private static final byte[][] INSERTS = {
            {'{'}, {'}'}, {'['}, {']'}, {'"'}, {':'}, {','}, {'\\'}, {' '}, {'0'}, {'-'}, {'e'}, {'.'}, {0},
            {(byte) 0x80}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xC3}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF},
            {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, {'\\', 'u'},
            {'\\', 'u', 'd', '8', '0', '0'}, {'/', '*'}, {'N', 'a', 'N'}, {'\''}, {'\t'}, {0x1F},
    };

    private static byte[] byteLevel(byte[] body, SplittableRandom random) {
        if (body.length == 0) {
            return INSERTS[random.nextInt(INSERTS.length)];
        }
        int at = random.nextInt(body.length);
        return switch (random.nextInt(7)) {
            case 0 -> {
                byte[] out = body.clone();
                out[at] = (byte) random.nextInt(256);
                yield out;
            }
            case 1 -> {
                byte[] out = new byte[body.length - 1];
                System.arraycopy(body, 0, out, 0, at);
                System.arraycopy(body, at + 1, out, at, body.length - at - 1);
                yield out;
            }
            case 2, 3 -> {
                byte[] insert = INSERTS[random.nextInt(INSERTS.length)];
                byte[] out = new byte[body.length + insert.length];
                System.arraycopy(body, 0, out, 0, at);
                System.arraycopy(insert, 0, out, at, insert.length);
                System.arraycopy(body, at, out, at + insert.length, body.length - at);
                yield out;
            }
            case 4 -> {
                int length = Math.min(1 + random.nextInt(16), body.length - at);
                byte[] out = Arrays.copyOf(body, body.length + length);
                System.arraycopy(body, at, out, at + length, body.length - at);
                yield out;
            }
            case 5 -> Arrays.copyOf(body, at);
            default -> random.nextInt(8) == 0
                    ? new String(body, StandardCharsets.UTF_8).getBytes(random.nextBoolean() ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE)
                    : body;
        };
    }

    // ---- failures ----

    static AssertionError failure(Kind kind, byte[] body, String label, String what) {
        String name = kind.prefix() + "--case-" + Integer.toHexString(Arrays.hashCode(body)) + "--FIXME";
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            Files.write(dir.resolve(name + ".json"), body);
            Files.writeString(dir.resolve(name + ".txt"), label + ": " + what + "\n");
        } catch (IOException e) {
            // the assertion still carries the input
        }
        String shown = body.length <= 160 ? HexFormat.of().formatHex(body) : HexFormat.of().formatHex(body, 0, 160) + "...";
        return new AssertionError(label + ", " + kind.prefix() + ": " + what + " for " + shown
                + " (written to target/fuzz-failures/" + name + ".json)");
    }
}
