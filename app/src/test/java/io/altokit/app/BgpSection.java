package io.altokit.app;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code bgp:} section of the BGP end-to-end tests' network files: the server listens on
 * loopback as AS 65000, and its one peer, the test's router, connects from 127.0.0.2. Settings the
 * tests vary are set by name; the others keep the server's defaults.
 */
final class BgpSection {
    static final long LOCAL_AS = 65000;
    static final String PEER_ADDRESS = "127.0.0.2";

    private final int port;
    private long peerAs = 65001;
    private String debounce = "100ms";
    private Integer holdTimeSeconds;
    private String gracePeriod;
    private final List<String> rules = new ArrayList<>();

    private BgpSection(int port) {
        this.port = port;
    }

    /** Listening on 127.0.0.1:{@code port}. */
    static BgpSection listeningOn(int port) {
        return new BgpSection(port);
    }

    BgpSection peerAs(long as) {
        peerAs = as;
        return this;
    }

    /** Short, so that changes reach the served map quickly. */
    BgpSection debounce(String duration) {
        debounce = duration;
        return this;
    }

    BgpSection holdTime(int seconds) {
        holdTimeSeconds = seconds;
        return this;
    }

    BgpSection gracePeriod(String duration) {
        gracePeriod = duration;
        return this;
    }

    /** One rule as a YAML flow mapping, e.g. {@code { community: "65000:101", pid: area-01 }}; in order. */
    BgpSection rule(String flowMapping) {
        rules.add(flowMapping);
        return this;
    }

    /** The section, as lines at the top level of the file. */
    String yaml() {
        StringBuilder yaml = new StringBuilder("bgp:\n")
                .append("  listen: \"127.0.0.1:").append(port).append("\"\n")
                .append("  local-as: ").append(LOCAL_AS).append('\n');
        if (holdTimeSeconds != null) {
            yaml.append("  hold-time: ").append(holdTimeSeconds).append('\n');
        }
        if (gracePeriod != null) {
            yaml.append("  grace-period: ").append(gracePeriod).append('\n');
        }
        yaml.append("  debounce: ").append(debounce).append('\n')
                .append("  peers: [ { address: ").append(PEER_ADDRESS).append(", remote-as: ").append(peerAs).append(" } ]\n");
        if (!rules.isEmpty()) {
            yaml.append("  rules:\n");
            rules.forEach(rule -> yaml.append("    - ").append(rule).append('\n'));
        }
        return yaml.toString();
    }
}
