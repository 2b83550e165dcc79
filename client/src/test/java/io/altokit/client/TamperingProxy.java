package io.altokit.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * An on-path attacker on loopback: forwards every request to a real server and lets the test rewrite
 * each answer (body and header fields) on the way back.
 */
final class TamperingProxy implements AutoCloseable {
    /** An answer on its way back to the client; the test may change any part. */
    record Answer(String path, int status, Map<String, List<String>> headers, byte[] body) {
    }

    private static final Set<String> NOT_FORWARDED = Set.of("content-length", "transfer-encoding", "connection", "date");
    private static final List<String> REQUEST_FIELDS = List.of("Accept", "Content-Type", "If-None-Match", "Content-Digest");

    private final URI upstream;
    private final HttpServer http;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile UnaryOperator<Answer> tamper = UnaryOperator.identity();

    TamperingProxy(URI upstreamDirectory) throws IOException {
        this.upstream = upstreamDirectory;
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        http.createContext("/", this::forward);
        http.start();
    }

    URI directoryUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + upstream.getPath());
    }

    void tamper(UnaryOperator<Answer> rewrite) {
        tamper = rewrite;
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().getRawPath()))
                    .timeout(Duration.ofSeconds(5))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            for (String name : REQUEST_FIELDS) {
                String value = exchange.getRequestHeaders().getFirst(name);
                if (value != null) {
                    request.header(name, value);
                }
            }
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            Answer answer = tamper.apply(new Answer(exchange.getRequestURI().getPath(), response.statusCode(),
                    response.headers().map(), response.body()));
            answer.headers().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
            if (answer.body().length > 0) {
                exchange.getResponseBody().write(answer.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        http.stop(0);
        client.close();
    }
}
