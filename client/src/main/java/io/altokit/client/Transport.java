package io.altokit.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * One ALTO HTTP exchange with timeouts and retries. Every request AltoClient sends is safe to
 * repeat: the GETs of maps and the directory are idempotent, and ALTO's POSTs (filtered maps, EPS,
 * ECS) are queries that change nothing on the server (RFC 7285 uses POST only to carry the query
 * body), so they are retried too.
 *
 * <p>Retried: 502, 503 and 504 (honouring Retry-After, in seconds or as an HTTP date) and failures to
 * connect. Never retried: any 4xx, and an attempt that timed out waiting for the answer (the server
 * is slow; asking again would only add load). Attempts and total time (waits included) are bounded;
 * backoff without Retry-After is exponential with jitter so that many clients do not return in step.
 * Thread-safe: it holds only immutable settings and the thread-safe {@link HttpClient}.
 */
final class Transport {
    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    /** An answer as received: status, headers, body. */
    record Response(int status, HttpHeaders headers, byte[] body) {
        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** Waits between attempts; replaceable in tests. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpClient http;
    private final Duration requestTimeout;
    private final int maxAttempts;
    private final Duration retryBudget;
    private final Backoff backoff;
    private final Clock clock;
    private final Sleeper sleeper;
    final LongAdder requests = new LongAdder();
    final LongAdder retries = new LongAdder();

    Transport(HttpClient http, Duration requestTimeout, int maxAttempts, Duration retryBudget, Backoff backoff, Clock clock,
              Sleeper sleeper) {
        this.http = http;
        this.requestTimeout = requestTimeout;
        this.maxAttempts = maxAttempts;
        this.retryBudget = retryBudget;
        this.backoff = backoff;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Sends the request built from {@code template} (no timeout set yet), retrying as described above. */
    Response exchange(HttpRequest.Builder template, String description) {
        long start = System.nanoTime();
        long budget = retryBudget.toNanos();
        for (int attempt = 1; ; attempt++) {
            long remaining = budget - (System.nanoTime() - start);
            Duration timeout = Duration.ofNanos(Math.max(1, Math.min(requestTimeout.toNanos(), remaining)));
            HttpRequest request = template.copy().timeout(timeout).build();
            AltoClientException failure;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                Response response = send(request, timeout, description);
                if (!isRetryable(response.status())) {
                    return response;
                }
                retryAfter = response.header("Retry-After").flatMap(value -> parseRetryAfter(value, clock.instant()));
                failure = new AltoStatusException(description + " answered HTTP " + response.status()
                        + retryAfter.map(d -> " (Retry-After " + d.toMillis() + " ms)").orElse(""), response.status(), retryAfter);
            } catch (RetryableFailure e) {
                failure = e.failure;
            }
            Duration delay = retryAfter.isPresent() ? withJitter(retryAfter.get()) : backoff.delay(attempt);
            long elapsed = System.nanoTime() - start;
            if (attempt >= maxAttempts || elapsed + delay.toNanos() >= budget) {
                throw failure;
            }
            LOG.debug("{} failed ({}), attempt {} of {}; retrying in {} ms", description, failure.getMessage(), attempt,
                    maxAttempts, delay.toMillis());
            retries.increment();
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AltoTransportException(description + " interrupted while waiting to retry", e);
            }
        }
    }

    /**
     * One attempt without retries, and without a timeout once the answer's headers are in: for an
     * event stream or a long poll, whose subscription retries on its own schedule.
     */
    <T> HttpResponse<T> sendOnce(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException, InterruptedException {
        requests.increment();
        return http.send(request, body);
    }

    private static boolean isRetryable(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    /** A failure worth another attempt, carried out of {@link #send}. */
    private static final class RetryableFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final transient AltoClientException failure;

        RetryableFailure(AltoClientException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    /**
     * One attempt. The request's own timeout covers the wait for the response headers; the bounded
     * wait on the future also covers a body that stalls half way, and cancelling aborts the exchange.
     */
    private Response send(HttpRequest request, Duration timeout, String description) throws RetryableFailure {
        requests.increment();
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw timedOut(description, timeout, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new AltoTransportException(description + " interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (isUnresolved(cause)) {
                throw new AltoTransportException(description + " could not connect: unknown host '"
                        + request.uri().getHost() + "'", cause);
            }
            if (cause instanceof HttpConnectTimeoutException) {
                throw new RetryableFailure(new AltoTransportException(description + " could not connect: no answer from "
                        + authority(request.uri()) + " within the connect timeout", cause));
            }
            if (cause instanceof ConnectException) {
                throw new RetryableFailure(new AltoTransportException(description + " could not connect: connection refused by "
                        + authority(request.uri()) + " (is the server running?)", cause));
            }
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(description, timeout, cause);
            }
            if (cause instanceof IOException) {
                // A connection closed or reset mid-way; the query is safe to repeat.
                throw new RetryableFailure(new AltoTransportException(description + " failed: " + cause, cause));
            }
            throw new AltoTransportException(description + " failed: " + cause, cause);
        }
    }

    /** The JDK client reports an unknown host as a ConnectException caused by UnresolvedAddressException. */
    private static boolean isUnresolved(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static String authority(URI uri) {
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    private static AltoTransportException timedOut(String description, Duration timeout, Throwable cause) {
        return new AltoTransportException(description + " got no complete answer within " + timeout.toMillis() + " ms", cause);
    }

    /** At least what the server asked for, plus up to 10% (at most a second) so clients spread out. */
    static Duration withJitter(Duration retryAfter) {
        long extra = Math.min(retryAfter.toNanos() / 10, TimeUnit.SECONDS.toNanos(1));
        return retryAfter.plusNanos(extra <= 0 ? 0 : ThreadLocalRandom.current().nextLong(extra + 1));
    }

    /** RFC 9110 10.2.3: delay-seconds or an HTTP-date; a date in the past means now. Empty when unparsable. */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String text = value.trim();
        if (!text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        try {
            Instant when = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return Optional.of(when.isAfter(now) ? Duration.between(now, when) : Duration.ZERO);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
