package io.altokit.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A loopback HTTP server answering each request from a script: per "METHOD path", the answers to
 * give in turn. An answer can hold the exchange open until the server closes (a long poll or an
 * event stream that stays up); a request without a scripted answer gets a 404. Records every
 * request body so tests can check what the client asked for.
 */
final class ScriptedServer implements AutoCloseable {
    /** One scripted answer. */
    record Answer(int status, String contentType, String body, boolean holdOpen) {
        static Answer of(int status, String contentType, String body) {
            return new Answer(status, contentType, body, false);
        }
    }

    /** One request as received. */
    record Request(String method, String path, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> script = new ConcurrentHashMap<>();
    final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Queues answers to {@code METHOD path}, given in this order. */
    ScriptedServer on(String method, String path, Answer... answers) {
        script.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Deque<Answer> answers = script.get(key);
        Answer answer;
        synchronized (this) {
            answer = answers == null || answers.isEmpty() ? Answer.of(404, "text/plain", "not scripted: " + key) : answers.poll();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        if (answer.holdOpen()) {
            exchange.sendResponseHeaders(answer.status(), 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
                out.flush();
                closing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the client went away: what a held exchange ends with
            }
            return;
        }
        if (answer.status() == 200) {
            // a validator, so that the client caches what it fetched as it would from a real server
            exchange.getResponseHeaders().add("ETag", "\"" + Integer.toHexString(answer.body().hashCode()) + "\"");
        }
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
