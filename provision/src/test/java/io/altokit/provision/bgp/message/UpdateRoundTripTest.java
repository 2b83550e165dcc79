package io.altokit.provision.bgp.message;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;

import static io.altokit.provision.bgp.message.BgpCodecTest.success;
import static org.assertj.core.api.Assertions.assertThat;

class UpdateRoundTripTest {

    static Update everything() throws Exception {
        PathAttributes attributes = PathAttributes.builder()
                .origin(Origin.EGP)
                .asPath(new AsPath(List.of(
                        new AsPath.Segment(AsPath.SegmentType.AS_CONFED_SEQUENCE, 64512, 64513),
                        new AsPath.Segment(AsPath.SegmentType.AS_SEQUENCE, 65001, 4_200_000_002L),
                        new AsPath.Segment(AsPath.SegmentType.AS_SET, 64600, 4_200_000_003L))))
                .nextHop((Inet4Address) InetAddress.getByName("192.0.2.1"))
                .mpNextHop(List.of(InetAddress.getByName("2001:db8::1")))
                .multiExitDisc(50)
                .localPref(4_000_000_000L)
                .communities(List.of(Community.of(65000, 101), Community.NO_EXPORT))
                .largeCommunities(List.of(new LargeCommunity(4_200_000_001L, 7, 8)))
                .other(new RawAttribute(Attributes.OPTIONAL | Attributes.TRANSITIVE, Attributes.AGGREGATOR,
                        Octets.of(Wires.hex("fa56ea02 0a000001"))))
                .other(new RawAttribute(Attributes.OPTIONAL | Attributes.TRANSITIVE, Attributes.EXTENDED_COMMUNITIES,
                        Octets.of(Wires.hex("0002fde800000065"))))
                .other(new RawAttribute(Attributes.OPTIONAL | Attributes.TRANSITIVE | Attributes.PARTIAL, 99, Octets.of(new byte[300])))
                .build();
        return Update.of(
                List.of(PrefixKey.parse("10.0.0.0/8"), PrefixKey.parse("2001:db8:12::/48")),
                List.of(PrefixKey.parse("10.11.0.0/16"), PrefixKey.parse("0.0.0.0/0"), PrefixKey.parse("192.0.2.1/32"),
                        PrefixKey.parse("2001:db8:11::/48"), PrefixKey.parse("2001:db8::1/128")),
                attributes);
    }

    /** The decoder lists MP_REACH prefixes before the NLRI field's. */
    private static Update familiesInWireOrder(Update update) {
        List<PrefixKey> announced = Stream.concat(
                update.announced().stream().filter(p -> p.family() == AddressFamily.IPV6),
                update.announced().stream().filter(p -> p.family() == AddressFamily.IPV4)).toList();
        return new Update(update.withdrawn(), announced, update.attributes(), update.problems());
    }

    @Test
    void everythingSurvivesAFourOctetSession() throws Exception {
        BgpCodec codec = new BgpCodec(SessionOptions.FOUR_OCTET_AS);
        Update update = everything();
        byte[] wire = codec.encode(update);
        assertThat(success(codec.decode(wire))).isEqualTo(familiesInWireOrder(update));
        assertThat(codec.encode(success(codec.decode(wire)))).isEqualTo(wire);
    }

    @Test
    void everythingSurvivesATwoOctetSessionThroughAs4PathAndAs4Aggregator() throws Exception {
        BgpCodec codec = new BgpCodec(SessionOptions.DEFAULT);
        Update update = everything();
        byte[] wire = codec.encode(update);
        String hex = Wires.hexOf(wire);
        assertThat(hex).as("AS_TRANS in AS_PATH").contains("5ba0");
        assertThat(hex).as("AS4_PATH").contains("c011");
        assertThat(hex).as("AS4_AGGREGATOR").contains("c012");
        assertThat(success(codec.decode(wire))).isEqualTo(familiesInWireOrder(update));
    }

    @Test
    void mpAttributesComeFirst() throws Exception {
        byte[] wire = new BgpCodec(SessionOptions.FOUR_OCTET_AS).encode(everything());
        int withdrawnLength = (wire[19] & 0xFF) << 8 | wire[20] & 0xFF;
        int firstAttribute = 19 + 2 + withdrawnLength + 2;
        assertThat(wire[firstAttribute + 1]).isEqualTo((byte) Attributes.MP_UNREACH_NLRI);
    }

    @Test
    void aPlainTwoOctetPathNeedsNoAs4Path() {
        BgpCodec codec = new BgpCodec(SessionOptions.DEFAULT);
        Update update = Update.of(List.of(), List.of(PrefixKey.parse("10.11.0.0/16")), PathAttributes.builder()
                .origin(Origin.IGP).asPath(AsPath.sequence(65001)).nextHop(ipv4("192.0.2.1")).build());
        byte[] wire = codec.encode(update);
        assertThat(wire).isEqualTo(Wires.update("", Wires.MANDATORY, "10 0a0b"));
        assertThat(success(codec.decode(wire))).isEqualTo(update);
    }

    private static Inet4Address ipv4(String text) {
        try {
            return (Inet4Address) InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
