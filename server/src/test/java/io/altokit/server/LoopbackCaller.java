package io.altokit.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An HTTP client whose connections leave from a chosen loopback address (127.0.0.0/8), to test source rules. */
final class LoopbackCaller implements AutoCloseable {
    private final HttpClient http;

    LoopbackCaller(String sourceAddress) throws IOException {
        http = HttpClient.newBuilder().localAddress(InetAddress.getByName(sourceAddress))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<byte[]> get(URI uri, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Override
    public void close() {
        http.close();
    }
}
