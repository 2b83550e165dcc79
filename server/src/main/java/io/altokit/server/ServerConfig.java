package io.altokit.server;

import io.altokit.server.update.UpdateStreams;
import io.altokit.server.update.tips.TipsViews;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the HTTP listener runs. {@code ioThreads} = 0 means one per available processor.
 *
 * @param maxRequestBytes         larger request bodies are refused with 413 before they are parsed
 * @param maxEndpointsPerRequest  ECS/EPS requests naming more endpoints are refused with 400
 * @param maxConcurrentRequests   0: answer on the I/O threads, no limit; else at most this many requests in
 *                                the server at once, answered by worker threads (cheap ones on the I/O
 *                                threads, see {@link ServiceTimes}), the rest refused with 503
 * @param workerThreads           with a concurrency limit: threads answering requests; 0 = one per processor
 * @param adaptiveConcurrency     with a concurrency limit: let the limit float below it, lowered as soon as
 *                                answers slow down (Netflix Gradient2), so nobody has to tune it
 * @param requestTimeout          a request whose headers and body have not all arrived this long after its
 *                                first byte is answered 408 and its connection closed (slow-body attacks)
 * @param tls                     HTTPS (and mutual TLS) when present; plain HTTP otherwise
 * @param idleTimeout             a connection that sends nothing this long is closed, unless an update
 *                                stream is open on it (see {@link IdleTimeout})
 * @param updateStreams           what RFC 8895 update streams may cost
 * @param tips                    what RFC 9569 TIPS views may cost
 * @param clock                   the wall clock RFC 8896 cost calendars start from (their {@code calendar-start-time})
 */
public record ServerConfig(String bindAddress, int port, int ioThreads, int maxRequestBytes,
                           int maxEndpointsPerRequest, String networkMapId, boolean accessLog,
                           int maxConcurrentRequests, int workerThreads, boolean adaptiveConcurrency,
                           Duration requestTimeout, Optional<TlsConfig> tls, Duration idleTimeout,
                           UpdateStreams.Limits updateStreams, TipsViews.Limits tips, Clock clock) {

    public static final String DEFAULT_NETWORK_MAP_ID = "default-network-map";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (ioThreads < 0) {
            throw new IllegalArgumentException("io-threads must be >= 0, got " + ioThreads);
        }
        if (maxRequestBytes < 1024) {
            throw new IllegalArgumentException("max-request-bytes must be >= 1024, got " + maxRequestBytes);
        }
        if (maxEndpointsPerRequest < 1) {
            throw new IllegalArgumentException("max-endpoints-per-request must be >= 1, got " + maxEndpointsPerRequest);
        }
        if (maxConcurrentRequests < 0) {
            throw new IllegalArgumentException("max-concurrent-requests must be >= 0 (0 = no limit), got "
                    + maxConcurrentRequests);
        }
        if (workerThreads < 0) {
            throw new IllegalArgumentException("worker-threads must be >= 0, got " + workerThreads);
        }
        if (requestTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("request-timeout must be at least 1 ms, got " + requestTimeout);
        }
        Objects.requireNonNull(tls, "tls");
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idle-timeout must be at least 1 ms, got " + idleTimeout);
        }
        Objects.requireNonNull(updateStreams, "updateStreams");
        Objects.requireNonNull(tips, "tips");
        Objects.requireNonNull(clock, "clock");
    }

    /** Plain HTTP with the default request timeout. */
    public ServerConfig(String bindAddress, int port, int ioThreads, int maxRequestBytes, int maxEndpointsPerRequest,
                        String networkMapId, boolean accessLog, int maxConcurrentRequests, int workerThreads,
                        boolean adaptiveConcurrency) {
        this(bindAddress, port, ioThreads, maxRequestBytes, maxEndpointsPerRequest, networkMapId, accessLog,
                maxConcurrentRequests, workerThreads, adaptiveConcurrency, DEFAULT_REQUEST_TIMEOUT, Optional.empty(),
                DEFAULT_IDLE_TIMEOUT, UpdateStreams.Limits.DEFAULTS, TipsViews.Limits.DEFAULTS, Clock.systemUTC());
    }

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", 8181, 0, 1 << 20, 10_000, DEFAULT_NETWORK_MAP_ID, true, 0, 0, false);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(bindAddress, newPort, ioThreads, maxRequestBytes, maxEndpointsPerRequest, networkMapId,
                accessLog, maxConcurrentRequests, workerThreads, adaptiveConcurrency, requestTimeout, tls, idleTimeout, updateStreams, tips, clock);
    }

    public ServerConfig withBindAddress(String address) {
        return new ServerConfig(address, port, ioThreads, maxRequestBytes, maxEndpointsPerRequest, networkMapId,
                accessLog, maxConcurrentRequests, workerThreads, adaptiveConcurrency, requestTimeout, tls, idleTimeout, updateStreams, tips, clock);
    }

    /** This configuration with overload shedding: at most {@code maxConcurrent} requests on {@code workers} threads. */
    public ServerConfig withConcurrencyLimit(int maxConcurrent, int workers, boolean adaptive) {
        return new ServerConfig(bindAddress, port, ioThreads, maxRequestBytes, maxEndpointsPerRequest, networkMapId,
                accessLog, maxConcurrent, workers, adaptive, requestTimeout, tls, idleTimeout, updateStreams, tips, clock);
    }

    public ServerConfig withRequestTimeout(Duration timeout) {
        return new ServerConfig(bindAddress, port, ioThreads, maxRequestBytes, maxEndpointsPerRequest, networkMapId,
                accessLog, maxConcurrentRequests, workerThreads, adaptiveConcurrency, timeout, tls, idleTimeout, updateStreams, tips, clock);
    }

    public ServerConfig withTls(TlsConfig settings) {
        return new ServerConfig(bindAddress, port, ioThreads, maxRequestBytes, maxEndpointsPerRequest, networkMapId,
                accessLog, maxConcurrentRequests, workerThreads, adaptiveConcurrency, requestTimeout, Optional.of(settings),
                idleTimeout, updateStreams, tips, clock);
    }

    public ServerConfig withIdleTimeout(Duration timeout) {
        return new ServerConfig(bindAddress, port, ioThreads, maxRequestBytes, maxEndpointsPerRequest, networkMapId,
                accessLog, maxConcurrentRequests, workerThreads, adaptiveConcurrency, requestTimeout, tls, timeout, updateStreams, tips, clock);
    }

    public ServerConfig withUpdateStreams(UpdateStreams.Limits limits) {
        return new ServerConfig(bindAddress, port, ioThreads, maxRequestBytes, maxEndpointsPerRequest, networkMapId,
                accessLog, maxConcurrentRequests, workerThreads, adaptiveConcurrency, requestTimeout, tls, idleTimeout, limits, tips, clock);
    }

    /** This configuration with calendars started from {@code wallClock} (tests fix the time). */
    public ServerConfig withClock(Clock wallClock) {
        return new ServerConfig(bindAddress, port, ioThreads, maxRequestBytes, maxEndpointsPerRequest, networkMapId,
                accessLog, maxConcurrentRequests, workerThreads, adaptiveConcurrency, requestTimeout, tls, idleTimeout,
                updateStreams, tips, wallClock);
    }

    public ServerConfig withTips(TipsViews.Limits limits) {
        return new ServerConfig(bindAddress, port, ioThreads, maxRequestBytes, maxEndpointsPerRequest, networkMapId,
                accessLog, maxConcurrentRequests, workerThreads, adaptiveConcurrency, requestTimeout, tls, idleTimeout,
                updateStreams, limits, clock);
    }
}
