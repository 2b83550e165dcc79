package io.altokit.tracker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a peer's announce or scrape on to the upstream tracker. The request leaves from the peer's
 * own address when that address is one of this host's (the usual case: the client and the proxy on
 * one machine), so the tracker lists the peer where it really is; a client on another host is
 * forwarded from this host's address. Answers are bounded in size and time.
 */
final class UpstreamClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UpstreamClient.class);
    /** Source addresses with a client of their own; beyond, requests leave from the default address. */
    static final int MAX_SOURCE_ADDRESSES = 64;

    /** What the upstream tracker answered: its body (HTTP 200), or why there is none. */
    sealed interface Outcome {
    }

    record Answer(byte[] body) implements Outcome {
    }

    record Failure(String reason) implements Outcome {
    }

    private final Duration timeout;
    private final int maxBodyBytes;
    private final HttpClient fromAnyAddress;
    private final ConcurrentHashMap<InetAddress, HttpClient> bySource = new ConcurrentHashMap<>();

    UpstreamClient(Duration timeout, int maxBodyBytes) {
        this.timeout = timeout;
        this.maxBodyBytes = maxBodyBytes;
        this.fromAnyAddress = client(null);
    }

    /** GETs {@code uri} from {@code source} (when local); completes normally, never exceptionally. */
    CompletableFuture<Outcome> get(URI uri, InetAddress source) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(timeout).header("User-Agent", "AltoKit-peer-proxy").build();
        CompletableFuture<HttpResponse<byte[]>> exchange;
        try {
            exchange = clientFrom(source).sendAsync(request, info -> new BoundedBody(maxBodyBytes));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            return CompletableFuture.completedFuture(new Failure("cannot reach the upstream tracker: " + e.getMessage()));
        }
        // The request timeout covers the headers; this covers a body that trickles in too.
        return exchange.copy().orTimeout(timeout.toMillis() * 2, TimeUnit.MILLISECONDS)
                .handle((response, failure) -> {
                    if (failure != null) {
                        exchange.cancel(true); // aborts the exchange if it is still running (its body timed out)
                        return new Failure(describe(unwrap(failure), uri));
                    }
                    if (response.statusCode() != 200) {
                        return new Failure("the upstream tracker answered HTTP " + response.statusCode() + failureReasonIn(response.body()));
                    }
                    return new Answer(response.body());
                });
    }

    private String describe(Throwable failure, URI uri) {
        String where = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        if (failure instanceof HttpTimeoutException || failure instanceof TimeoutException) {
            return "the upstream tracker " + where + " did not answer within " + timeout.toMillis() + " ms";
        }
        if (failure instanceof BoundedBody.TooLarge) {
            return "the upstream tracker's answer is larger than " + maxBodyBytes + " bytes";
        }
        return "the upstream tracker " + where + " is unreachable: " + (failure instanceof ConnectException
                ? "connection refused" : failure.getClass().getSimpleName() + " " + failure.getMessage());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof IOException && cause.getCause() instanceof BoundedBody.TooLarge)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The upstream's own failure reason, when its error page is one. */
    private static String failureReasonIn(byte[] body) {
        try {
            if (Bencode.decode(body) instanceof Map<?, ?> map && map.get("failure reason") instanceof byte[] reason) {
                return ": " + QueryString.printable(new String(reason, StandardCharsets.UTF_8));
            }
        } catch (IllegalArgumentException e) {
            // an HTML error page or nothing: the status says it all
        }
        return "";
    }

    private HttpClient clientFrom(InetAddress source) {
        HttpClient held = bySource.get(source);
        if (held != null) {
            return held;
        }
        if (!isLocal(source) || bySource.size() >= MAX_SOURCE_ADDRESSES) {
            return fromAnyAddress;
        }
        return bySource.computeIfAbsent(source, UpstreamClient.this::client);
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            LOG.atDebug().addKeyValue("address", address.getHostAddress()).log("cannot tell whether the address is local");
            return false;
        }
    }

    private HttpClient client(InetAddress source) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL);
        if (source != null) {
            builder.localAddress(source);
        }
        return builder.build();
    }

    @Override
    public void close() {
        bySource.values().forEach(HttpClient::close);
        fromAnyAddress.close();
    }
}
