package io.altokit.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.altokit.core.InformationBase;
import io.altokit.app.ExampleNetwork;
import io.altokit.server.Dispatcher;
import io.altokit.server.HttpHandler;
import io.altokit.server.ServerConfig;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.ContentCoding;
import io.altokit.server.http.Reply;
import io.altokit.server.protection.Protection;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Measurement code, not part of the product: serves the server's own {@link Dispatcher} over the JDK's
 * built-in {@code com.sun.net.httpserver.HttpServer} instead of Netty, so the two HTTP stacks can be
 * compared under the same load (bench/http/run.sh, docs/PERFORMANCE.md). Loads the embedded example
 * network, listens on 127.0.0.1 only, no access log. Response headers mirror {@link HttpHandler}
 * (Content-Type, Content-Length, ETag/Cache-Control, Vary, gzip when asked).
 *
 * <pre>java -cp altokit.jar:HARNESS_CLASSES io.altokit.bench.JdkHttpServerHarness PORT fixed:N|virtual|direct</pre>
 * {@code fixed:N} handles requests on a pool of N platform threads, {@code virtual} on one virtual
 * thread per request, {@code direct} on the HttpServer's own dispatcher thread.
 */
public final class JdkHttpServerHarness {

    private JdkHttpServerHarness() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: JdkHttpServerHarness PORT fixed:N|virtual|direct");
            System.exit(2);
        }
        // Netty's listener sets TCP_NODELAY; without it, the JDK server's small writes meet delayed ACKs.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        ExecutorService executor = executor(args[1]);
        ServerConfig config = ServerConfig.defaults().withPort(port);
        Dispatcher dispatcher = new Dispatcher(new InformationBase(ExampleNetwork.snapshot()), config, Protection.none());

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.createContext("/", exchange -> handle(dispatcher, exchange));
        server.setExecutor(executor);
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            if (executor != null) {
                executor.shutdownNow();
            }
            stopped.countDown();
        }));
        System.out.println("JDK HttpServer harness ready: http://127.0.0.1:" + port + "/ (" + args[1] + ")");
        System.out.flush();
        stopped.await();
    }

    private static ExecutorService executor(String mode) {
        if (mode.equals("virtual")) {
            return Executors.newVirtualThreadPerTaskExecutor();
        }
        if (mode.equals("direct")) {
            return null; // HttpServer runs handlers on its dispatcher thread
        }
        if (mode.startsWith("fixed:")) {
            return Executors.newFixedThreadPool(Integer.parseInt(mode.substring("fixed:".length())));
        }
        throw new IllegalArgumentException("unknown executor mode " + mode);
    }

    private static void handle(Dispatcher dispatcher, HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Headers headers = exchange.getRequestHeaders();
            String method = exchange.getRequestMethod();
            Reply reply = dispatcher.dispatch(new AltoRequest(method, exchange.getRequestURI().getPath(),
                    header(headers, "Accept"), header(headers, "Content-Type"), header(headers, "If-None-Match"),
                    in.readAllBytes(), exchange.getRemoteAddress().getAddress()));
            boolean gzip = reply.body().worthCompressing()
                    && ContentCoding.acceptsGzip(header(headers, "Accept-Encoding"));
            byte[] body = reply.status() == 304 ? new byte[0] : gzip ? reply.body().gzipped() : reply.body().identity();

            Headers out = exchange.getResponseHeaders();
            if (!reply.mediaType().isEmpty() && reply.status() != 304) {
                out.set("Content-Type", reply.mediaType());
            }
            reply.etagField(gzip).ifPresent(etag -> {
                out.set("ETag", etag);
                out.set("Cache-Control", "no-cache");
            });
            if (reply.body().worthCompressing()) {
                out.set("Vary", "Accept-Encoding");
            }
            if (gzip) {
                out.set("Content-Encoding", "gzip");
            }
            reply.headers().forEach(out::set);
            reply.codedFields().of(gzip).forEach(out::set);
            boolean noBody = method.equals("HEAD") || body.length == 0;
            // -1: no body follows (the JDK server then writes Content-Length: 0 itself where allowed).
            exchange.sendResponseHeaders(reply.status(), noBody ? -1 : body.length);
            if (!noBody) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }

    private static Optional<String> header(Headers headers, String name) {
        return Optional.ofNullable(headers.getFirst(name));
    }
}
