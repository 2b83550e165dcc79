package io.altokit.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One structured line per request on the "io.altokit.access" logger (key-value pairs, rendered as
 * JSON fields by a JSON encoder). Routed and filtered like any logger, so operators can send it to
 * its own file or switch it off.
 */
final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.altokit.access");

    private final boolean enabled;

    AccessLog(boolean enabled) {
        this.enabled = enabled;
    }

    void record(InetSocketAddress remote, String method, String uri, int status, int bytes, long startedNanos) {
        if (!enabled || !LOG.isInfoEnabled()) {
            return;
        }
        long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - startedNanos);
        LOG.atInfo()
                .addKeyValue("remote", remote.getAddress().getHostAddress())
                .addKeyValue("method", method)
                .addKeyValue("uri", uri)
                .addKeyValue("status", status)
                .addKeyValue("bytes", bytes)
                .addKeyValue("micros", micros)
                .log("{} {} {} {}", method, uri, status, bytes);
    }
}
