package io.altokit.model;

import java.util.List;
import java.util.Set;

/** RFC 7285 11.3.1.3 ReqFilteredNetworkMap; empty lists mean "all", unknown address types are dropped. */
public record NetworkMapFilter(List<String> pids, Set<AddressType> addressTypes) implements QueryBody {
    public NetworkMapFilter {
        pids = List.copyOf(pids);
        addressTypes = Set.copyOf(addressTypes);
    }
}
