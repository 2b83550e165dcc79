package io.altokit.app.trial;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Waits, bounded, for something of the emulated network to hold, polling over the host's management
 * link into the core (the ALTO server's map, the tracker's scrape, the proxies' metrics).
 */
final class Await {
    private static final Duration POLL = Duration.ofMillis(250);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Await() {
    }

    /** Polls {@code uri} until its 200 body satisfies {@code done}; fails naming {@code what} after {@code patience}. */
    static byte[] body(URI uri, Predicate<byte[]> done, String what, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        String last = "no answer yet";
        while (true) {
            Optional<byte[]> body = Optional.empty();
            try {
                HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                last = "HTTP " + response.statusCode();
                if (response.statusCode() == 200) {
                    body = Optional.of(response.body());
                }
            } catch (IOException e) {
                last = String.valueOf(e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TrialException("interrupted while waiting for " + what);
            }
            if (body.isPresent() && done.test(body.get())) {
                return body.get();
            }
            if (System.nanoTime() > deadline) {
                throw new TrialException("gave up waiting for " + what + " after " + patience.toSeconds() + " s (" + uri + ": " + last + ")");
            }
            pause();
        }
    }

    /** Sleeps one poll interval: the trial's clock is real time, the network it waits for is real. */
    static void pause() throws TrialException {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TrialException("interrupted");
        }
    }
}
