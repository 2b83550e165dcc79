package io.altokit.tracker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Announce parsing: byte-exact ids, every BEP 3 parameter, and a precise reason for every bad request. */
class AnnounceTest {
    /** 20 bytes covering the cases that break text decoding: NUL, '%', '+', '&', '=', high bytes. */
    static final String HASH = "%00%25%2B%26%3D%80%FF%C3%28abcdefghijk";
    static final byte[] HASH_BYTES = {0, '%', '+', '&', '=', (byte) 0x80, (byte) 0xff, (byte) 0xc3, '(',
            'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'};
    static final String PEER = "-AK0001-%01%02%03%04%05%06%07%08%09%0A%0B%0C";
    static final String BASE = "info_hash=" + HASH + "&peer_id=" + PEER;

    @Test
    void decodesBinaryIdsByteForByteAndEveryParameter() throws Exception {
        Announce announce = parse(BASE + "&port=6881&uploaded=10&downloaded=20&left=30&event=started&numwant=80"
                + "&compact=0&no_peer_id=1&ip=127.0.2.7&key=x&supportcrypto=1");
        assertThat(announce.infoHash().bytes()).isEqualTo(HASH_BYTES);
        assertThat(announce.peerId().bytes()).startsWith('-', 'A', 'K').endsWith(10, 11, 12);
        assertThat(announce.port()).isEqualTo(6881);
        assertThat(announce.uploaded()).isEqualTo(10);
        assertThat(announce.downloaded()).isEqualTo(20);
        assertThat(announce.left()).isEqualTo(30);
        assertThat(announce.seeder()).isFalse();
        assertThat(announce.event()).isEqualTo(Announce.Event.STARTED);
        assertThat(announce.numwant()).isEqualTo(80);
        assertThat(announce.compact()).isFalse();
        assertThat(announce.noPeerId()).isTrue();
        assertThat(announce.ip()).contains(InetAddress.getByName("127.0.2.7"));
    }

    @Test
    void defaultsAndCaps() throws Exception {
        Announce announce = parse(BASE + "&port=1&left=0&numwant=100000");
        assertThat(announce.numwant()).as("capped at the maximum").isEqualTo(200);
        assertThat(announce.compact()).as("compact unless refused").isTrue();
        assertThat(announce.seeder()).isTrue();
        assertThat(announce.event()).isEqualTo(Announce.Event.NONE);
        assertThat(parse(BASE + "&port=1&left=5").numwant()).isEqualTo(50);
        assertThat(parse(BASE + "&port=1&left=5&event=stopped&ip=%3A%3A1").ip()).contains(InetAddress.getByName("::1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "peer_id=" + PEER + "&port=1&left=0                     | missing parameter info_hash",
            "info_hash=abc&peer_id=" + PEER + "&port=1&left=0       | info_hash must be 20 bytes, got 3",
            "info_hash=" + HASH + "%00&peer_id=" + PEER + "&port=1&left=0 | info_hash must be 20 bytes, got 21",
            BASE + "&info_hash=" + HASH + "&port=1&left=0           | parameter info_hash is repeated",
            "info_hash=" + HASH + "&peer_id=short&port=1&left=0     | peer_id must be 20 bytes, got 5",
            BASE + "&left=0                                         | missing parameter port",
            BASE + "&port=http&left=0                               | port is not a number: \"http\"",
            BASE + "&port=-1&left=0                                 | port is not a number: \"-1\"",
            BASE + "&port=65536&left=0                              | port must be 0 to 65535, got 65536",
            BASE + "&port=0&left=0                                  | port must be 1 to 65535",
            BASE + "&port=1&port=2&left=0                           | parameter port is repeated",
            BASE + "&port=1                                         | missing parameter left",
            BASE + "&port=1&left=99999999999999999999               | left is not a number",
            BASE + "&port=1&left=0&numwant=lots                     | numwant is not a number: \"lots\"",
            BASE + "&port=1&left=0&event=paused                     | unknown event \"paused\"",
            BASE + "&port=1&left=0&ip=tracker.example               | ip is not an IP address: \"tracker.example\"",
            BASE + "&port=1&left=0&ip=%0A%0D                        | ip is not an IP address: \"\\x0a\\x0d\"",
            BASE + "&port=1&left=0&key=%G1                          | bad percent-encoding at \"%G1\"",
            BASE + "&port=1&left=0&key=%A                           | bad percent-encoding at \"%A\"",
    })
    void refusesBadRequestsWithAPreciseReason(String query, String reason) {
        assertThatThrownBy(() -> parse(query)).isInstanceOf(BadRequestException.class).hasMessageStartingWith(reason);
    }

    @Test
    void boundsParameterCountAndSize() {
        assertThatThrownBy(() -> parse(BASE + "&port=1&left=0&key=" + "k".repeat(300)))
                .hasMessage("parameter key is longer than 256 bytes");
        assertThatThrownBy(() -> parse(BASE + "&port=1&left=0" + "&x=1".repeat(40)))
                .hasMessage("more than 40 parameters");
    }

    static Announce parse(String query) throws BadRequestException {
        return Announce.parse(QueryString.parse(query), 50, 200);
    }
}
