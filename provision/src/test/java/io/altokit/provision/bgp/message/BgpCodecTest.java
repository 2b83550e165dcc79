package io.altokit.provision.bgp.message;

import io.altokit.core.PrefixKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.altokit.core.AddressFamily;

import java.util.List;
import java.util.stream.IntStream;

import static io.altokit.provision.bgp.message.Wires.MARKER;
import static io.altokit.provision.bgp.message.Wires.hex;
import static io.altokit.provision.bgp.message.Wires.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BgpCodecTest {

    private final BgpCodec codec = new BgpCodec(SessionOptions.DEFAULT);

    static Notification failure(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Failure.class);
        return ((DecodeResult.Failure) result).notification();
    }

    static BgpMessage success(DecodeResult result) {
        assertThat(result).as("%s", result).isInstanceOf(DecodeResult.Success.class);
        return ((DecodeResult.Success) result).message();
    }

    @Test
    void aKeepaliveIsABareHeader() {
        byte[] keepalive = hex(MARKER + "0013 04");
        assertThat(success(codec.decode(keepalive))).isEqualTo(Keepalive.INSTANCE);
        assertThat(codec.encode(Keepalive.INSTANCE)).isEqualTo(keepalive);
        assertThat(codec.checkHeader(keepalive, 0)).isEmpty();
        assertThat(BgpCodec.messageLength(keepalive, 0)).isEqualTo(19);
    }

    @Test
    void aBadMarkerMeansConnectionNotSynchronized() {
        byte[] keepalive = hex("ffffffffffffffffffffffffffff7fff 0013 04");
        assertThat(codec.checkHeader(keepalive, 0)).get().extracting(DecodeResult.Failure::notification)
                .isEqualTo(Notification.of(Notification.MESSAGE_HEADER_ERROR, Notification.CONNECTION_NOT_SYNCHRONIZED));
        assertThat(failure(codec.decode(keepalive)).subcode()).isEqualTo(Notification.CONNECTION_NOT_SYNCHRONIZED);
    }

    @ParameterizedTest(name = "length {0} for type {1}")
    @CsvSource({"0012,04", "1001,02", "ffff,02", "0014,04", "001c,01", "0016,02", "0014,03"})
    void badLengthsAreReportedWithTheLengthField(String length, String type) {
        byte[] header = hex(MARKER + length + type);
        Notification notification = codec.checkHeader(header, 0).orElseThrow().notification();
        assertThat(notification).isEqualTo(new Notification(Notification.MESSAGE_HEADER_ERROR, Notification.BAD_MESSAGE_LENGTH,
                Octets.of(hex(length))));
    }

    @Test
    void extendedMessagesRaiseTheLimit() {
        byte[] header = hex(MARKER + "1001 02");
        assertThat(new BgpCodec(new SessionOptions(true, true)).checkHeader(header, 0)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"00", "06", "ff"})
    void unknownTypesAreBadMessageType(String type) {
        Notification notification = codec.checkHeader(hex(MARKER + "0013" + type), 0).orElseThrow().notification();
        assertThat(notification).isEqualTo(new Notification(Notification.MESSAGE_HEADER_ERROR, Notification.BAD_MESSAGE_TYPE,
                Octets.of(hex(type))));
    }

    @Test
    void theHeaderLengthMustMatchTheBytesGiven() {
        byte[] keepalive = hex(MARKER + "0013 04 00");
        assertThat(failure(codec.decode(keepalive)).subcode()).isEqualTo(Notification.BAD_MESSAGE_LENGTH);
        assertThat(failure(codec.decode(hex("ffff"))).subcode()).isEqualTo(Notification.BAD_MESSAGE_LENGTH);
    }

    @Test
    void notificationsRoundTrip() {
        byte[] cease = message(BgpMessage.NOTIFICATION, "06 02");
        assertThat(success(codec.decode(cease))).isEqualTo(Notification.of(Notification.CEASE, 2));
        Notification withData = new Notification(3, 11, Octets.of(hex("40020401")));
        assertThat(success(codec.decode(codec.encode(withData)))).isEqualTo(withData);
        assertThat(withData.toString()).contains("UPDATE Message Error", "40020401");
    }

    @Test
    void routeRefreshRoundTripsAndAWrongLengthIsRfc7313Error() {
        byte[] refresh = message(BgpMessage.ROUTE_REFRESH, "0002 00 01");
        assertThat(success(codec.decode(refresh))).isEqualTo(RouteRefresh.request(2, 1));
        assertThat(codec.encode(RouteRefresh.request(2, 1))).isEqualTo(refresh);
        byte[] tooLong = message(BgpMessage.ROUTE_REFRESH, "0002 00 01 00");
        assertThat(failure(codec.decode(tooLong))).isEqualTo(new Notification(Notification.ROUTE_REFRESH_MESSAGE_ERROR,
                Notification.INVALID_MESSAGE_LENGTH, Octets.of(tooLong)));
    }

    @Test
    void decodingWorksAtAnOffsetInALargerBuffer() {
        byte[] buffer = hex("aabb" + MARKER + "0013 04" + "ccdd");
        assertThat(codec.checkHeader(buffer, 2)).isEmpty();
        assertThat(success(codec.decode(buffer, 2, 19))).isEqualTo(Keepalive.INSTANCE);
    }

    @Test
    void encodingRefusesMessagesOverTheLimit() {
        List<PrefixKey> many = IntStream.range(0, 1100)
                .mapToObj(i -> new PrefixKey(AddressFamily.IPV4, (long) i << 40, 0, 24)).toList();
        Update update = Update.of(many, List.of(), PathAttributes.EMPTY);
        assertThatThrownBy(() -> codec.encode(update))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
    }
}
