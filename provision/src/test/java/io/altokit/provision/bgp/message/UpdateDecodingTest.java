package io.altokit.provision.bgp.message;

import io.altokit.core.PrefixKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

import static io.altokit.provision.bgp.message.BgpCodecTest.failure;
import static io.altokit.provision.bgp.message.BgpCodecTest.success;
import static io.altokit.provision.bgp.message.UpdateProblem.Action.ATTRIBUTE_DISCARD;
import static io.altokit.provision.bgp.message.UpdateProblem.Action.TREAT_AS_WITHDRAW;
import static io.altokit.provision.bgp.message.Wires.AS_PATH_65001;
import static io.altokit.provision.bgp.message.Wires.MANDATORY;
import static io.altokit.provision.bgp.message.Wires.NEXT_HOP_192_0_2_1;
import static io.altokit.provision.bgp.message.Wires.ORIGIN_IGP;
import static io.altokit.provision.bgp.message.Wires.TWO_PREFIXES;
import static io.altokit.provision.bgp.message.Wires.attribute;
import static io.altokit.provision.bgp.message.Wires.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class UpdateDecodingTest {

    static final String MP_REACH_2001_DB8_11 = attribute(0x80, 14,
            "0002 01 10 20010db8000000000000000000000001 00 30 20010db80011");
    static final String MP_UNREACH_2001_DB8_12 = attribute(0x80, 15, "0002 01 30 20010db80012");

    private final BgpCodec codec2 = new BgpCodec(SessionOptions.DEFAULT);
    private final BgpCodec codec4 = new BgpCodec(SessionOptions.FOUR_OCTET_AS);

    private Update decode(byte[] message) {
        return (Update) success(codec2.decode(message));
    }

    private static List<PrefixKey> prefixes(String... texts) {
        return Arrays.stream(texts).map(PrefixKey::parse).toList();
    }

    @Test
    void anIpv4AnnouncementWithCommunities() throws Exception {
        Update update = decode(update("", MANDATORY + attribute(0xc0, 8, "fde80065 fde803e7")
                + attribute(0xc0, 32, "0000fde8 00000001 00000066"), TWO_PREFIXES));
        assertThat(update.announced()).isEqualTo(prefixes("10.11.0.0/16", "10.12.128.0/17"));
        assertThat(update.withdrawn()).isEmpty();
        assertThat(update.problems()).isEmpty();
        PathAttributes attributes = update.attributes();
        assertThat(attributes.origin()).contains(Origin.IGP);
        assertThat(attributes.asPath()).contains(AsPath.sequence(65001));
        assertThat(attributes.originAs()).hasValue(65001);
        assertThat(attributes.nextHop()).contains((Inet4Address) InetAddress.getByName("192.0.2.1"));
        assertThat(attributes.communities()).containsExactly(Community.of(65000, 101), Community.of(65000, 999));
        assertThat(attributes.largeCommunities()).containsExactly(new LargeCommunity(65000, 1, 102));
    }

    @Test
    void bothFamiliesAreMergedIntoTwoLists() throws Exception {
        Update update = decode(update("08 0a", MP_UNREACH_2001_DB8_12 + MP_REACH_2001_DB8_11 + MANDATORY, TWO_PREFIXES));
        assertThat(update.withdrawn()).isEqualTo(prefixes("10.0.0.0/8", "2001:db8:12::/48"));
        assertThat(update.announced()).isEqualTo(prefixes("2001:db8:11::/48", "10.11.0.0/16", "10.12.128.0/17"));
        assertThat(update.attributes().mpNextHop()).containsExactly(InetAddress.getByName("2001:db8::1"));
        assertThat(update.announced().getFirst().toIpPrefix().toString()).isEqualTo("2001:db8:11::/48");
    }

    @Test
    void anIpv6OnlyAnnouncementNeedsNoNextHopAttribute() {
        Update update = decode(update("", ORIGIN_IGP + AS_PATH_65001 + MP_REACH_2001_DB8_11, ""));
        assertThat(update.problems()).isEmpty();
        assertThat(update.announced()).isEqualTo(prefixes("2001:db8:11::/48"));
    }

    @Test
    void aGlobalAndLinkLocalNextHop() throws Exception {
        Update update = decode(update("", ORIGIN_IGP + AS_PATH_65001 + attribute(0x80, 14,
                "0002 01 20 20010db8000000000000000000000001 fe800000000000000000000000000001 00 20 20010db8"), ""));
        assertThat(update.attributes().mpNextHop())
                .containsExactly(InetAddress.getByName("2001:db8::1"), InetAddress.getByName("fe80::1"));
    }

    @Test
    void trailingBitsOfTheLastOctetAreCleared() {
        // RFC 4271 4.3: "the value of trailing bits is irrelevant"; RFC 7606 5.3 does not call it malformed
        Update update = decode(update("", MANDATORY, "11 0a0cff 00"));
        assertThat(update.announced()).isEqualTo(prefixes("10.12.128.0/17", "0.0.0.0/0"));
    }

    @Test
    void withdrawOnlyAndEndOfRib() {
        Update withdraw = decode(update("10 0a0b", "", ""));
        assertThat(withdraw.withdrawn()).isEqualTo(prefixes("10.11.0.0/16"));
        assertThat(withdraw.problems()).isEmpty();
        Update endOfRib = decode(update("", "", ""));
        assertThat(endOfRib.withdrawn()).isEmpty();
        assertThat(endOfRib.announced()).isEmpty();
        Update ipv6EndOfRib = decode(update("", attribute(0x80, 15, "0002 01"), ""));
        assertThat(ipv6EndOfRib.problems()).isEmpty();
    }

    @Test
    void fourOctetAsPathsOnAFourOctetSession() {
        Update update = (Update) success(codec4.decode(update("",
                ORIGIN_IGP + attribute(0x40, 2, "02 02 0000fde9 fa56ea02") + NEXT_HOP_192_0_2_1, TWO_PREFIXES)));
        assertThat(update.attributes().asPath()).contains(AsPath.sequence(65001, 4_200_000_002L));
        assertThat(update.attributes().originAs()).hasValue(4_200_000_002L);
    }

    @Test
    void as4PathIsMergedOnATwoOctetSession() {
        // AS_PATH 65001 23456 23456, AS4_PATH 4200000002 4200000003 -> 65001 4200000002 4200000003
        Update update = decode(update("", ORIGIN_IGP + attribute(0x40, 2, "02 03 fde9 5ba0 5ba0") + NEXT_HOP_192_0_2_1
                + attribute(0xc0, 17, "02 02 fa56ea02 fa56ea03"), TWO_PREFIXES));
        assertThat(update.attributes().asPath()).contains(AsPath.sequence(65001, 4_200_000_002L, 4_200_000_003L));
        assertThat(update.problems()).isEmpty();
    }

    @Test
    void aLongerAs4PathIsIgnored() {
        Update update = decode(update("", ORIGIN_IGP + attribute(0x40, 2, "02 01 5ba0") + NEXT_HOP_192_0_2_1
                + attribute(0xc0, 17, "02 02 fa56ea02 fa56ea03"), TWO_PREFIXES));
        assertThat(update.attributes().asPath()).contains(AsPath.sequence(23456));
    }

    @Test
    void as4AttributesAreDiscardedOnAFourOctetSessionAndWhenMalformed() {
        Update onFour = (Update) success(codec4.decode(update("", ORIGIN_IGP + attribute(0x40, 2, "02 01 0000fde9")
                + NEXT_HOP_192_0_2_1 + attribute(0xc0, 17, "02 01 fa56ea02"), TWO_PREFIXES)));
        assertThat(onFour.problems()).extracting(UpdateProblem::action).containsExactly(ATTRIBUTE_DISCARD);
        assertThat(onFour.attributes().asPath()).contains(AsPath.sequence(65001));
        assertThat(onFour.announced()).hasSize(2);

        Update malformed = decode(update("", MANDATORY + attribute(0xc0, 17, "02 02 fa56ea02"), TWO_PREFIXES));
        assertThat(malformed.problems()).singleElement().extracting(UpdateProblem::action, UpdateProblem::attributeType)
                .containsExactly(ATTRIBUTE_DISCARD, Attributes.AS4_PATH);
        assertThat(malformed.announced()).hasSize(2);
    }

    @Test
    void aggregatorIsKeptInItsFourOctetForm() {
        // AGGREGATOR AS_TRANS 10.0.0.1 with AS4_AGGREGATOR 4200000002 10.0.0.1
        Update update = decode(update("", MANDATORY + attribute(0xc0, 7, "5ba0 0a000001")
                + attribute(0xc0, 18, "fa56ea02 0a000001"), TWO_PREFIXES));
        assertThat(update.attributes().other(Attributes.AGGREGATOR)).get().extracting(RawAttribute::value)
                .isEqualTo(Octets.of(Wires.hex("fa56ea02 0a000001")));
        assertThat(update.attributes().other(Attributes.AS4_AGGREGATOR)).isEmpty();
    }

    @Test
    void originAsIsEmptyForPathsEndingInASetOrEmpty() {
        Update set = decode(update("", ORIGIN_IGP + attribute(0x40, 2, "02 01 fde9 01 02 0001 0002") + NEXT_HOP_192_0_2_1,
                TWO_PREFIXES));
        assertThat(set.attributes().asPath().orElseThrow().toString()).isEqualTo("65001 {1 2}");
        assertThat(set.attributes().originAs()).isEmpty();
        Update empty = decode(update("", ORIGIN_IGP + attribute(0x40, 2, "") + NEXT_HOP_192_0_2_1, TWO_PREFIXES));
        assertThat(empty.attributes().asPath()).contains(AsPath.EMPTY);
        assertThat(empty.attributes().originAs()).isEmpty();
        assertThat(empty.problems()).isEmpty();
    }

    @Test
    void extendedLengthAttributesAndUnknownOptionalOnes() {
        Update update = decode(update("", MANDATORY + attribute(0xd0, 8, "fde80065") + attribute(0xe0, 99, "abcd"),
                TWO_PREFIXES));
        assertThat(update.attributes().communities()).containsExactly(Community.of(65000, 101));
        assertThat(update.attributes().others()).containsExactly(new RawAttribute(0xe0, 99, Octets.of(Wires.hex("abcd"))));
    }

    // RFC 7606 treat-as-withdraw

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "ORIGIN value 3, 40010103, 1",
            "ORIGIN length 2, 4001020000, 1",
            "ORIGIN optional flag, c0010100, 1",
            "AS_PATH segment overrun, 40020402 02fde9, 2",
            "AS_PATH unknown segment type, 40020405 01fde9, 2",
            "AS_PATH empty segment, 4002020200, 2",
            "AS_PATH one octet left, 40020502 01fde9 02, 2",
            "NEXT_HOP length 5, 400305c000020100, 3",
            "MED length 3, 800403000001, 4",
            "LOCAL_PREF length 2, 40050200 64, 5",
            "COMMUNITIES length 5, c00805fde8006500, 8",
            "COMMUNITIES length 0, c00800, 8",
            "LARGE_COMMUNITIES length 11, c0200b0000fde8000000010000 00, 32",
            "ORIGINATOR_ID length 3, 8009030a0000, 9",
            "CLUSTER_LIST length 6, 800a060a0000010000, 10",
            "EXTENDED_COMMUNITIES length 4, c0100400020001, 16",
    })
    void malformedAttributesTurnAnnouncementsIntoWithdrawals(String name, String attribute, int type) {
        // the malformed attribute comes first so that duplicates of the well-formed ones stay out of the way
        String rest = switch (type) {
            case 1 -> AS_PATH_65001 + NEXT_HOP_192_0_2_1;
            case 2 -> ORIGIN_IGP + NEXT_HOP_192_0_2_1;
            case 3 -> ORIGIN_IGP + AS_PATH_65001;
            default -> MANDATORY;
        };
        Update update = decode(update("10 0a0d", attribute + rest, TWO_PREFIXES));
        assertThat(update.announced()).isEmpty();
        assertThat(update.withdrawn()).isEqualTo(prefixes("10.13.0.0/16", "10.11.0.0/16", "10.12.128.0/17"));
        assertThat(update.treatedAsWithdraw()).isTrue();
        assertThat(update.problems()).first().extracting(UpdateProblem::action, UpdateProblem::attributeType)
                .containsExactly(TREAT_AS_WITHDRAW, type);
    }

    @ParameterizedTest
    @CsvSource({"1", "2", "3"})
    void missingMandatoryAttributesWithNlriMeanTreatAsWithdraw(int missing) {
        String attributes = (missing == 1 ? "" : ORIGIN_IGP) + (missing == 2 ? "" : AS_PATH_65001)
                + (missing == 3 ? "" : NEXT_HOP_192_0_2_1);
        Update update = decode(update("", attributes, TWO_PREFIXES));
        assertThat(update.announced()).isEmpty();
        assertThat(update.withdrawn()).hasSize(2);
        assertThat(update.problems()).singleElement().extracting(UpdateProblem::attributeType).isEqualTo(missing);
    }

    @Test
    void anAttributeOverrunIsTreatAsWithdrawWhenTheRoutesCanBeLocated() {
        // the last attribute claims 9 octets, 4 remain: the Total Path Attribute Length still finds the NLRI
        Update update = decode(update("", MANDATORY + "c00809fde80065", TWO_PREFIXES));
        assertThat(update.announced()).isEmpty();
        assertThat(update.withdrawn()).hasSize(2);
        assertThat(update.problems()).singleElement().extracting(UpdateProblem::attributeType).isEqualTo(Attributes.COMMUNITIES);

        Update shortTail = decode(update("", MANDATORY + "c008", TWO_PREFIXES));
        assertThat(shortTail.treatedAsWithdraw()).isTrue();
        Update extendedTail = decode(update("", MANDATORY + "d00800", TWO_PREFIXES));
        assertThat(extendedTail.treatedAsWithdraw()).isTrue();
    }

    @Test
    void anAttributeOverrunWithNoLocatableRoutesResetsTheSession() {
        Notification n = failure(codec2.decode(update("", ORIGIN_IGP + AS_PATH_65001 + "c00809fde80065", "")));
        assertThat(n).isEqualTo(Notification.of(3, Notification.MALFORMED_ATTRIBUTE_LIST));
    }

    // RFC 7606 attribute discard

    @Test
    void repeatedAttributesKeepTheFirst() {
        Update update = decode(update("", MANDATORY + attribute(0xc0, 8, "fde80065") + attribute(0xc0, 8, "fde80066"),
                TWO_PREFIXES));
        assertThat(update.attributes().communities()).containsExactly(Community.of(65000, 101));
        assertThat(update.problems()).singleElement().extracting(UpdateProblem::action).isEqualTo(ATTRIBUTE_DISCARD);
        assertThat(update.announced()).hasSize(2);
    }

    @Test
    void malformedAtomicAggregateAndAggregatorAreDiscarded() {
        Update update = decode(update("", MANDATORY + attribute(0x40, 6, "00") + attribute(0xc0, 7, "fde9 0a0000"),
                TWO_PREFIXES));
        assertThat(update.problems()).extracting(UpdateProblem::action, UpdateProblem::attributeType).containsExactly(
                tuple(ATTRIBUTE_DISCARD, 6), tuple(ATTRIBUTE_DISCARD, 7));
        assertThat(update.attributes().others()).isEmpty();
        assertThat(update.announced()).hasSize(2);
    }

    @Test
    void otherAddressFamiliesInMpAttributesAreIgnored() {
        Update update = decode(update("", ORIGIN_IGP + AS_PATH_65001
                + attribute(0x80, 14, "0001 80 04 c0000201 00 58 000001 0a0b0c") + NEXT_HOP_192_0_2_1, TWO_PREFIXES));
        assertThat(update.announced()).hasSize(2);
        assertThat(update.problems()).singleElement().extracting(UpdateProblem::action).isEqualTo(ATTRIBUTE_DISCARD);
    }

    // session reset

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "NLRI prefix length 33, '', 21 0a0b0c0d0e, 10",
            "NLRI truncated, '', 18 0a0b, 10",
            "withdrawn prefix length 40, 28 0a0b0c0d0e, '', 10",
            "withdrawn truncated, 18 0a, '', 10",
    })
    void malformedPrefixFieldsAreInvalidNetworkField(String name, String withdrawn, String nlri, int subcode) {
        Notification n = failure(codec2.decode(update(withdrawn, MANDATORY, nlri)));
        assertThat(n).isEqualTo(Notification.of(3, subcode));
    }

    @Test
    void lengthFieldsOverrunningTheMessageAreMalformedAttributeList() {
        assertThat(failure(codec2.decode(Wires.message(2, "0005 0a0b 0000")))).isEqualTo(Notification.of(3, 1));
        assertThat(failure(codec2.decode(Wires.message(2, "0000 0010 400101 00")))).isEqualTo(Notification.of(3, 1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "IPv6 prefix length 129, 800e1a 0002 01 10 20010db8000000000000000000000001 00 81 20010db8, 9",
            "IPv6 prefix truncated, 800e19 0002 01 10 20010db8000000000000000000000001 00 30 20010db8, 9",
            "MP_REACH shorter than 5, 800e04 0002 0100, 9",
            "MP_REACH next hop overrun, 800e08 0002 01 10 20010db8, 9",
            "MP_REACH next hop length 7, 800e0c 0002 01 07 20010db8000000 00, 9",
            "MP_UNREACH shorter than 3, 800f02 0002, 9",
            "MP_UNREACH prefix overrun, 800f06 0002 01 30 2001, 9",
            "MP_REACH transitive flag, c00e05 0002 01 00 00, 4",
            "MP_REACH overruns the list, 800e30 0002 01, 5",
    })
    void malformedMpAttributesResetTheSession(String name, String attribute, int subcode) {
        DecodeResult result = codec2.decode(update("", ORIGIN_IGP + AS_PATH_65001 + attribute, ""));
        Notification n = failure(result);
        assertThat(n.code()).isEqualTo(3);
        assertThat(n.subcode()).as(((DecodeResult.Failure) result).reason()).isEqualTo(subcode);
        assertThat(n.data().length()).as("the attribute is the data").isPositive();
    }

    @Test
    void aRepeatedMpAttributeResetsTheSession() {
        assertThat(failure(codec2.decode(update("", MP_REACH_2001_DB8_11 + MP_REACH_2001_DB8_11 + ORIGIN_IGP + AS_PATH_65001, ""))))
                .isEqualTo(Notification.of(3, Notification.MALFORMED_ATTRIBUTE_LIST));
    }

    @Test
    void anUnrecognizedWellKnownAttributeResetsTheSessionWithTheAttributeAsData() {
        assertThat(failure(codec2.decode(update("", MANDATORY + "4063 02 abcd", TWO_PREFIXES))))
                .isEqualTo(new Notification(3, Notification.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, Octets.of(Wires.hex("406302abcd"))));
    }
}
