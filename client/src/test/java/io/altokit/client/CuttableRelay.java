package io.altokit.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay on loopback in front of a real server, which the test can take down: every connection
 * open is cut and new ones are closed at once, as a client sees a network outage, until it is up
 * again. It notes the request line of every HTTP/1.1 request the client sends through it.
 */
final class CuttableRelay implements AutoCloseable {
    /** Not anchored at a line's start: a request that follows a body without a line break starts mid-line. */
    private static final Pattern REQUEST_LINE = Pattern.compile("(GET|POST|HEAD) /\\S* HTTP/1\\.1");

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private volatile boolean down;

    CuttableRelay(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("relay-accept").start(this::accept);
    }

    /** {@code uri} (of the upstream server) as reached through the relay. */
    URI through(URI uri) {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort() + uri.getRawPath());
    }

    /** Cuts every connection open now and closes new ones until {@link #up}. */
    void down() {
        down = true;
        open.forEach(CuttableRelay::closeQuietly);
    }

    void up() {
        down = false;
    }

    /** The request lines sent through the relay so far ({@code GET /path HTTP/1.1}), in order per connection. */
    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (down) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> relay(client, server, true));
                Thread.ofVirtual().start(() -> relay(server, client, false));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Copies one direction until either side closes, then closes both. */
    private void relay(Socket from, Socket to, boolean requests) {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
                if (requests) {
                    seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                    noteRequestLines(seen);
                }
            }
        } catch (IOException e) {
            // cut, or closed by either side
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    /** Takes the complete lines out of {@code seen}, noting the request lines among them. */
    private void noteRequestLines(StringBuilder seen) {
        int end = seen.lastIndexOf("\n");
        if (end < 0) {
            return;
        }
        Matcher matcher = REQUEST_LINE.matcher(seen.substring(0, end));
        while (matcher.find()) {
            requestLines.add(matcher.group());
        }
        seen.delete(0, end + 1);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        down();
    }
}
