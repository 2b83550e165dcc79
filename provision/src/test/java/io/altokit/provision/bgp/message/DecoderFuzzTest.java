package io.altokit.provision.bgp.message;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Mutates valid OPENs and UPDATEs (seeded, so a failure replays) and checks that decoding never
 * throws and never reaches the codec's internal-error safety net. Failing inputs are written under
 * target/fuzz-failures/ in the corpus format, ready to be checked in under bgp-corpus/. Override the
 * run with -Dbgp.fuzz.seed=... -Dbgp.fuzz.cases=...
 */
class DecoderFuzzTest {

    private static final long SEED = Long.getLong("bgp.fuzz.seed", 7606L);
    private static final int CASES = Integer.getInteger("bgp.fuzz.cases", 30_000);

    private static final BgpCodec[] CODECS = {
            new BgpCodec(SessionOptions.DEFAULT), new BgpCodec(SessionOptions.FOUR_OCTET_AS), new BgpCodec(new SessionOptions(true, true))};

    static List<byte[]> seeds() throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        seeds.add(Wires.message(BgpMessage.OPEN, OpenTest.BIRD_LIKE));
        for (BgpCodec codec : CODECS) {
            seeds.add(codec.encode(UpdateRoundTripTest.everything()));
        }
        seeds.add(Wires.update("08 0a", UpdateDecodingTest.MP_UNREACH_2001_DB8_12 + UpdateDecodingTest.MP_REACH_2001_DB8_11
                + Wires.MANDATORY + Wires.attribute(0xc0, 8, "fde80065") + Wires.attribute(0xc0, 32, "0000fde8 00000001 00000066"),
                Wires.TWO_PREFIXES));
        seeds.add(Wires.update("", Wires.ORIGIN_IGP + Wires.attribute(0x40, 2, "02 03 fde9 5ba0 5ba0") + Wires.NEXT_HOP_192_0_2_1
                + Wires.attribute(0xc0, 7, "5ba0 0a000001") + Wires.attribute(0xc0, 17, "02 02 fa56ea02 fa56ea03")
                + Wires.attribute(0xc0, 18, "fa56ea02 0a000001"), Wires.TWO_PREFIXES));
        return seeds;
    }

    @Test
    void mutatedMessagesNeverBreakTheDecoder(TestInfo info) throws Exception {
        List<byte[]> seeds = seeds();
        SplittableRandom random = new SplittableRandom(SEED);
        int successes = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            for (BgpCodec codec : CODECS) {
                if (check(codec, input, "seed " + SEED + " case " + i) instanceof DecodeResult.Success) {
                    successes++;
                }
            }
        }
        assertThat(successes).as("mutations that still decode: the fuzzer reaches deep code").isGreaterThan(CASES / 10);
    }

    /** Decodes {@code input} and, for a decoded message, its re-encoding; returns the first result. */
    static DecodeResult check(BgpCodec codec, byte[] input, String label) {
        DecodeResult result;
        try {
            result = codec.decode(input);
        } catch (RuntimeException e) {
            throw failure(input, label, e.toString());
        }
        if (result instanceof DecodeResult.Failure f && f.reason().startsWith("internal")) {
            throw failure(input, label, f.reason());
        }
        if (result instanceof DecodeResult.Success(BgpMessage message) && !(message instanceof Notification)) {
            byte[] again;
            try {
                again = new BgpCodec(new SessionOptions(codec.options().fourOctetAs(), true)).encode(message);
            } catch (RuntimeException e) {
                throw failure(input, label, "re-encoding failed: " + e);
            }
            assertThat(codec.decode(again)).as("%s: re-encoded %s", label, Wires.hexOf(input)).isNotNull();
        }
        return result;
    }

    private static AssertionError failure(byte[] input, String label, String what) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            Files.writeString(dir.resolve("case-" + Integer.toHexString(Arrays.hashCode(input)) + ".hex"),
                    "# " + label + ": " + what + "\n" + Wires.hexOf(input) + "\n");
        } catch (IOException e) {
            // the assertion below still carries the input
        }
        return new AssertionError(label + ": " + what + " for " + Wires.hexOf(input));
    }

    /** One to four of: flip a bit, overwrite a byte, set a 16-bit field, cut, insert, duplicate a slice; the header length is usually kept consistent. */
    static byte[] mutate(byte[] seed, SplittableRandom random) {
        byte[] b = seed.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            int at = 19 + random.nextInt(Math.max(1, b.length - 19));
            switch (random.nextInt(7)) {
                case 0 -> b[Math.min(at, b.length - 1)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[Math.min(at, b.length - 1)] = (byte) random.nextInt(256);
                case 2 -> {
                    if (at + 1 < b.length) {
                        int value = random.nextBoolean() ? random.nextInt(65536) : random.nextInt(64);
                        b[at] = (byte) (value >>> 8);
                        b[at + 1] = (byte) value;
                    }
                }
                case 3 -> b = Arrays.copyOf(b, Math.max(19, at));
                case 4 -> {
                    byte[] longer = new byte[b.length + 1 + random.nextInt(8)];
                    System.arraycopy(b, 0, longer, 0, at);
                    for (int i = at; i < at + longer.length - b.length; i++) {
                        longer[i] = (byte) random.nextInt(256);
                    }
                    System.arraycopy(b, at, longer, at + longer.length - b.length, b.length - at);
                    b = longer;
                }
                case 5 -> {
                    int from = 19 + random.nextInt(Math.max(1, b.length - 19));
                    int length = Math.min(random.nextInt(16), b.length - from);
                    byte[] longer = Arrays.copyOf(b, b.length + length);
                    System.arraycopy(b, from, longer, b.length, length);
                    b = longer;
                }
                default -> b[16 + random.nextInt(3)] = (byte) random.nextInt(256);
            }
        }
        if (random.nextInt(10) != 0 && b.length <= 65535) {
            b[16] = (byte) (b.length >>> 8);
            b[17] = (byte) b.length;
        }
        return b;
    }

    @Test
    void theCheckedInCorpusStillDecodes() throws IOException {
        Path corpus = Path.of("src", "test", "resources", "bgp-corpus");
        List<Path> files;
        try (var list = Files.list(corpus)) {
            files = list.filter(p -> p.toString().endsWith(".hex")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String hex = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).reduce("", String::concat);
            byte[] input = Wires.hex(hex);
            for (BgpCodec codec : CODECS) {
                try {
                    check(codec, input, file.getFileName().toString());
                } catch (AssertionError e) {
                    fail(file + ": " + e.getMessage());
                }
            }
        }
    }
}
