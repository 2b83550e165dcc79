package io.altokit.provision.mrt;

import io.altokit.core.PrefixKey;
import io.altokit.provision.bgp.message.PathAttributes;
import io.altokit.provision.bgp.message.UpdateProblem;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One route of a RIB dump or a BGP4MP announcement: the prefix, the peer it was learned from, when
 * (seconds since the epoch), the ADD-PATH path identifier for RFC 8050 records, and its attributes. {@code problems} lists
 * attributes discarded while decoding; entries whose attributes are unusable are skipped, not returned.
 */
public record RibEntry(PrefixKey prefix, Peer peer, long originatedTime, OptionalLong pathId, PathAttributes attributes,
                       List<UpdateProblem> problems) implements MrtRoute {

    public RibEntry {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(pathId, "pathId");
        Objects.requireNonNull(attributes, "attributes");
        problems = List.copyOf(problems);
    }
}
