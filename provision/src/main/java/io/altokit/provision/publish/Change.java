package io.altokit.provision.publish;

import io.altokit.core.Snapshot;

import java.util.Objects;

/** What a source of change tells the {@link Publisher}; each changes one part of the network model. */
public sealed interface Change {

    /** A short name of the source, for the publisher's log. */
    String source();

    /**
     * The network file (with the pool matrices and any MRT dump it names) was read again: its
     * network replaces the previous one. A file reload, or the first load, sends it.
     */
    record NetworkLoaded(Snapshot network) implements Change {
        public NetworkLoaded {
            Objects.requireNonNull(network, "network");
        }

        @Override
        public String source() {
            return "file";
        }
    }

    /** The routing feed's routes now are {@code routes}, replacing the ones it sent before. */
    record RoutesChanged(Routes routes) implements Change {
        public RoutesChanged {
            Objects.requireNonNull(routes, "routes");
        }

        @Override
        public String source() {
            return "routes";
        }
    }

    /**
     * The sources have caught up (every BGP peer sent End-of-RIB, or the grace period passed): a
     * publisher started held, serving a restored snapshot, now publishes what its model holds.
     */
    record CaughtUp() implements Change {
        @Override
        public String source() {
            return "caught-up";
        }
    }
}
