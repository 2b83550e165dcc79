package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import io.altokit.server.ops.Operations;
import io.altokit.server.protection.Protection;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** An in-process server on a free loopback port plus a small HTTP client for it. */
final class ServerFixture implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final InformationBase informationBase;
    final AltoServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerFixture(ServerConfig config, Snapshot snapshot, Protection protection) throws InterruptedException {
        informationBase = new InformationBase(snapshot);
        server = AltoServer.start(config, informationBase, protection);
    }

    /** With request deadlines on time that the test moves by hand. */
    ServerFixture(ServerConfig config, Snapshot snapshot, Protection protection, ManualDeadlines deadlines)
            throws InterruptedException {
        informationBase = new InformationBase(snapshot);
        server = AltoServer.start(config, informationBase, protection, deadlines.clock());
    }

    /** With the operator's endpoints as {@code operations} says. */
    ServerFixture(Protection protection, Operations operations) throws InterruptedException {
        informationBase = new InformationBase(TestNetwork.snapshot());
        server = AltoServer.start(ServerConfig.defaults().withPort(0), informationBase, protection, operations);
    }

    /** On this configuration and network, with the operator's endpoints as {@code operations} says. */
    ServerFixture(ServerConfig config, Snapshot snapshot, Operations operations) throws InterruptedException {
        informationBase = new InformationBase(snapshot);
        server = AltoServer.start(config, informationBase, Protection.none(), operations);
    }

    ServerFixture(ServerConfig config, Snapshot snapshot) throws InterruptedException {
        this(config, snapshot, Protection.none());
    }

    ServerFixture(Protection protection) throws InterruptedException {
        this(ServerConfig.defaults().withPort(0), TestNetwork.snapshot(), protection);
    }

    ServerFixture(ServerConfig config) throws InterruptedException {
        this(config, TestNetwork.snapshot());
    }

    ServerFixture() throws InterruptedException {
        this(ServerConfig.defaults().withPort(0));
    }

    URI uri(String path) {
        return server.directoryUri().resolve(path);
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    HttpResponse<byte[]> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace('\'', '"'))));
    }

    static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    @Override
    public void close() {
        server.close();
    }
}
