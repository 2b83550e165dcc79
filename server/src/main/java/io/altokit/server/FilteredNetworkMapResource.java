package io.altokit.server;

import io.altokit.model.AddressType;
import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.NetworkMapFilter;
import io.altokit.model.RequestDecoder;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** POST /networkmap/filtered (RFC 7285 11.3.1): unknown PIDs and address types are ignored as the RFC says. */
final class FilteredNetworkMapResource implements AltoResource.Service<NetworkMapFilter> {
    private static final Query.Parser<NetworkMapFilter> PARSER = new Query.Parser<>(RequestDecoder::networkMapFilter);
    private final ResourceDescriptor descriptor;
    private final NetworkMapResource full;
    private final List<String> allPids;

    FilteredNetworkMapResource(NetworkMapResource full, List<String> allPids) {
        this.descriptor = ResourceDescriptor.post("filtered-network-map", "/networkmap/filtered", MediaTypes.NETWORK_MAP,
                MediaTypes.NETWORK_MAP_FILTER, Directory.Capabilities.NONE, List.of(full.descriptor().id()));
        this.full = full;
        this.allPids = allPids;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Query.Parser<NetworkMapFilter> parser() {
        return PARSER;
    }

    @Override
    public Reply answer(AltoRequest request, NetworkMapFilter filter) {
        Set<String> pids = filter.pids().isEmpty() ? new LinkedHashSet<>(allPids) : new LinkedHashSet<>(filter.pids());
        Set<AddressType> types = filter.addressTypes().isEmpty() ? Set.of(AddressType.values()) : filter.addressTypes();
        return Reply.ok(descriptor.mediaType(), full.render(pids, types));
    }
}
