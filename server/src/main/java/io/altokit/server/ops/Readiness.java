package io.altokit.server.ops;

import java.util.List;

/**
 * Whether the server should be sent traffic ({@code /ready}): every check passes. The server checks
 * that it serves a snapshot; the wiring adds what its sources need (with BGP: every peer sent its
 * routes, or the restored state file is served).
 */
@FunctionalInterface
public interface Readiness {

    /** One condition, with what an operator reading the probe's answer needs to know about it. */
    record Check(String name, boolean ready, String detail) {
    }

    List<Check> checks();

    /** Nothing beyond the server's own check. */
    Readiness NOTHING_MORE = List::of;
}
