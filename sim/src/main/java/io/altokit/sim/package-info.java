/**
 * Flow-level simulators of ALTO-guided peer-to-peer applications, reproducing the paper's
 * experiments: mesh-based live streaming ({@link io.altokit.sim.streaming}) and a BitTorrent
 * swarm ({@link io.altokit.sim.swarm}) over a generated topology of autonomous systems
 * ({@link io.altokit.sim.topology}). Peer selection is pluggable ({@link io.altokit.sim.select});
 * the ALTO policies rank through the client library's {@code MapGuidance} and {@code PeerOrder}
 * over an in-process snapshot, with no HTTP. Every run is reproducible from its seed.
 */
package io.altokit.sim;
