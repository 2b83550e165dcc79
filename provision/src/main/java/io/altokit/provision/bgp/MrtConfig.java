package io.altokit.provision.bgp;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code mrt:} section: the MRT file to read, the one peer whose routes to take (all peers
 * without it), and the rules that assign the routes to PIDs.
 */
public record MrtConfig(Path file, Optional<InetAddress> peer, PidRules rules) {
}
