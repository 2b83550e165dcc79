package io.altokit.app;

import io.altokit.app.config.ConfigNode;
import io.altokit.model.AddressText;
import io.altokit.model.IpBits;

import java.net.InetSocketAddress;

/** A listening address in the configuration: {@code ADDRESS:PORT}, an IPv6 address in brackets ({@code bgp.listen}, {@code server.admin-listen}). */
final class ListenAddress {

    private ListenAddress() {
    }

    static InetSocketAddress read(ConfigNode node) {
        String text = node.text();
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw node.error("expected ADDRESS:PORT, e.g. \"127.0.0.1:9181\" or \"[::1]:9181\", got \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw node.error("port \"" + text.substring(colon + 1) + "\" is not a number from 0 to 65535");
        }
        try {
            return new InetSocketAddress(IpBits.toInetAddress(AddressText.parse(host)), port);
        } catch (IllegalArgumentException e) {
            throw node.error("not an IP address: " + e.getMessage());
        }
    }
}
