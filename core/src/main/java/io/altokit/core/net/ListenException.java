package io.altokit.core.net;

import java.net.InetSocketAddress;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/**
 * A listener (the ALTO server, the BGP listener, the tracker) could not bind its address. The
 * message is the one line an operator needs: "cannot listen on 127.0.0.1:8181: address already in
 * use". Unchecked, because it ends the start like a configuration mistake, not a retryable I/O error.
 */
public final class ListenException extends RuntimeException {

    private ListenException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The failure of binding {@code host:port}, explained by the deepest cause's reason: Netty's
     * native transport says "bind(..) failed with error(-98): Address already in use", NIO says
     * "Address already in use"; both become "address already in use".
     */
    public static ListenException of(String host, int port, Throwable failure) {
        String address = host.contains(":") && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port;
        return new ListenException("cannot listen on " + address + ": " + reason(failure), failure);
    }

    /** As {@link #of(String, int, Throwable)} for an address given as a socket address. */
    public static ListenException of(InetSocketAddress address, Throwable failure) {
        return of(address.getHostString(), address.getPort(), failure);
    }

    static String reason(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        if (deepest instanceof UnresolvedAddressException) {
            return "unknown host";
        }
        String message = deepest.getMessage();
        if (message == null || message.isBlank()) {
            return deepest.getClass().getSimpleName();
        }
        String last = message.substring(message.lastIndexOf(": ") + 1).strip();
        return last.substring(0, 1).toLowerCase(Locale.ROOT) + last.substring(1);
    }
}
