package io.altokit.core.net;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;

import static org.assertj.core.api.Assertions.assertThat;

class ListenExceptionTest {

    @Test
    void namesTheAddressAndTheReasonOfARealBindFailure() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ServerSocketChannel second = ServerSocketChannel.open()) {
            int port = taken.getLocalPort();
            BindException failure = org.junit.jupiter.api.Assertions.assertThrows(BindException.class,
                    () -> second.bind(new InetSocketAddress("127.0.0.1", port)));
            assertThat(ListenException.of("127.0.0.1", port, failure))
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ": address already in use");
        }
    }

    @Test
    void nettyNativeMessagesLoseTheirErrnoPrefix() {
        IOException nativeFailure = new IOException("bind(..) failed with error(-99): Cannot assign requested address");
        assertThat(ListenException.of("10.255.255.1", 8181, new IllegalStateException(nativeFailure)))
                .hasMessage("cannot listen on 10.255.255.1:8181: cannot assign requested address");
    }

    @Test
    void ipv6AddressesAreBracketedAndUnresolvedHostsSaidSo() {
        assertThat(ListenException.of("::1", 179, new IOException("Address already in use")))
                .hasMessage("cannot listen on [::1]:179: address already in use");
        assertThat(ListenException.of(InetSocketAddress.createUnresolved("nosuch.invalid", 6969), new UnresolvedAddressException()))
                .hasMessage("cannot listen on nosuch.invalid:6969: unknown host");
    }
}
