package io.altokit.provision.bgp;

import io.altokit.provision.bgp.message.BgpCodec;
import io.altokit.provision.bgp.message.Capability;
import io.altokit.provision.bgp.message.DecodeResult;
import io.altokit.provision.bgp.message.Open;
import io.altokit.provision.bgp.message.SessionOptions;
import io.altokit.provision.bgp.message.Update;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The End-of-RIB markers and the graceful-restart capability the listener sends (RFC 4724). */
class GracefulRestartTest {
    private final BgpCodec codec = new BgpCodec(SessionOptions.FOUR_OCTET_AS);

    @Test
    void endOfRibMarkersAreTheRfc4724Forms() {
        String marker = "ffffffffffffffffffffffffffffffff";
        assertThat(hex(codec.encode(BgpSession.endOfRib(Capability.Multiprotocol.IPV4_UNICAST))))
                .as("the minimum UPDATE").isEqualTo(marker + "0017" + "02" + "0000" + "0000");
        assertThat(hex(codec.encode(BgpSession.endOfRib(Capability.Multiprotocol.IPV6_UNICAST))))
                .as("only an empty MP_UNREACH_NLRI for AFI 2 SAFI 1")
                .isEqualTo(marker + "001d" + "02" + "0000" + "0006" + "800f03" + "000201");
        for (Capability.Multiprotocol family : List.of(Capability.Multiprotocol.IPV4_UNICAST, Capability.Multiprotocol.IPV6_UNICAST)) {
            Update decoded = (Update) ((DecodeResult.Success) codec.decode(codec.encode(BgpSession.endOfRib(family)))).message();
            assertThat(decoded.withdrawn()).isEmpty();
            assertThat(decoded.announced()).isEmpty();
            assertThat(decoded.problems()).isEmpty();
        }
    }

    @Test
    void gracefulRestartCapabilitySaysReceiverOnly() {
        Open open = Open.of(65000, 90, 0x7f000001L, List.of(Capability.Multiprotocol.IPV4_UNICAST, BgpSession.GRACEFUL_RESTART_RECEIVER));
        String wire = hex(codec.encode(open));
        assertThat(wire).as("code 64, length 2, no restart flags, restart time 0, no address families").contains("40020000");
        Open decoded = (Open) ((DecodeResult.Success) codec.decode(codec.encode(open))).message();
        assertThat(decoded.capabilities()).contains(BgpSession.GRACEFUL_RESTART_RECEIVER);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
