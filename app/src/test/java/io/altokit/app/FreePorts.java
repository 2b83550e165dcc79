package io.altokit.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Ports for the end-to-end tests, always from the operating system, never fixed: test classes run
 * side by side, and other builds may run on the same machine. A port chosen here is free when
 * chosen; the process the test starts binds it a moment later, and in between another process may
 * take it, so a start that fails on a taken port is retried with new ports ({@link #retryOnClash}).
 */
final class FreePorts {
    /** Starts tried before a clash fails the test: more clashes in a row mean something else holds the ports. */
    private static final int ATTEMPTS = 3;
    /** Where the tests' processes listen. */
    private static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {
    }

    /** A loopback port nothing listens on right now. */
    static int one() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(LOOPBACK, 0), 1);
            return socket.getLocalPort();
        }
    }

    /**
     * A loopback port that refuses connections for as long as it is open: bound, never listening,
     * so that no other process can start listening on it meanwhile.
     */
    static Refusing refusing() throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(LOOPBACK, 0));
        return new Refusing(socket);
    }

    /** A port held by a socket that does not listen. */
    record Refusing(Socket socket) implements AutoCloseable {
        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Something that starts on ports it takes from {@link #one()} each time it runs. */
    @FunctionalInterface
    interface Start<T> {
        T run() throws Exception;
    }

    /** Runs {@code start}, again (with the new ports it then takes) when it fails on a port another process took. */
    static <T> T retryOnClash(Start<T> start) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.run();
            } catch (PortTaken clash) {
                if (attempt == ATTEMPTS) {
                    throw clash;
                }
            }
        }
    }

    /** A started process stopped because a port it was told to listen on was taken. */
    static final class PortTaken extends AssertionError {
        PortTaken(String message) {
            super(message);
        }
    }
}
