package io.altokit.server;

import io.altokit.core.CostMatrix;
import io.altokit.core.NetworkMap;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostSelection;
import io.altokit.model.CostTable;
import io.altokit.model.EndpointCostQuery;
import io.altokit.model.EndpointCostRequest;
import io.altokit.model.EndpointCostScan;
import io.altokit.model.EndpointCostWriter;
import io.altokit.model.MediaTypes;
import io.altokit.model.MultiCostMapResponse;
import io.altokit.model.RequestDecoder;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.TypedAddress;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;

/**
 * POST /endpointcost/lookup (RFC 7285 11.5.1): costs between endpoints, each mapped to its PID by
 * longest-prefix match. Without sources, the client's own address is the source (11.5.1.3). Several
 * cost types at once and tests across them (RFC 8189 4.2), and cost calendars (RFC 8896 4.3), take
 * the strict decoder's path.
 */
final class EndpointCostResource implements AltoResource.Service<EndpointCostQuery> {
    private static final Query.Parser<EndpointCostQuery> PARSER = new Query.Parser<>(EndpointCostResource::parse);
    private final ResourceDescriptor descriptor;
    private final OfferedCosts costs;
    private final NetworkMap networkMap;
    private final EndpointLimits limits;
    private final CalendarAnswers calendars;

    EndpointCostResource(OfferedCosts costs, NetworkMap networkMap, EndpointLimits limits, CalendarAnswers calendars) {
        this.descriptor = ResourceDescriptor.post("endpoint-cost", "/endpointcost/lookup", MediaTypes.ENDPOINT_COST,
                MediaTypes.ENDPOINT_COST_PARAMS, costs.capabilities(), List.of());
        this.costs = costs;
        this.networkMap = networkMap;
        this.limits = limits;
        this.calendars = calendars;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Query.Parser<EndpointCostQuery> parser() {
        return PARSER;
    }

    /**
     * The fast scan of the body, or the strict decoder's record when the scanner declines it (and its
     * precise error for a malformed body). A scanned request without sources is turned into the
     * decoded record: the client's address is then the source, and its text is not in the body to copy.
     */
    static EndpointCostQuery parse(byte[] body) {
        Optional<EndpointCostScan> scanned = EndpointCostScan.read(body);
        if (scanned.isEmpty()) {
            return RequestDecoder.endpointCost(body);
        }
        return scanned.get().srcs().size() > 0 ? scanned.get() : scanned.get().toRequest();
    }

    @Override
    public Reply answer(AltoRequest request, EndpointCostQuery query) {
        return switch (query) {
            case EndpointCostScan scan -> handleScanned(scan);
            case EndpointCostRequest full -> handleInFull(full, request);
        };
    }

    /** The fast path: no strings or records per endpoint, the answer written straight into bytes. */
    Reply handleScanned(EndpointCostScan query) {
        limits.check("endpoints", query.srcs().size() + query.dsts().size());
        CostMatrix matrix = costs.matrixFor(query.costType(), "cost-type");
        var srcs = DistinctEndpoints.of(query.srcs(), query.body(), networkMap);
        var dsts = DistinctEndpoints.of(query.dsts(), query.body(), networkMap);
        double[] values = CostQuery.values(srcs.pids(), dsts.pids(), matrix, query.costType().mode(), query.constraints());
        return Reply.ok(descriptor.mediaType(), EndpointCostWriter.endpointCostMap(query, srcs.indexes(), dsts.indexes(), values));
    }

    /** Any request the scanner declines or that names no sources. */
    Reply handleInFull(EndpointCostRequest query, AltoRequest request) {
        limits.check("endpoints", query.srcs().size() + query.dsts().size());
        CostSelection asked = query.costs();
        CostPlan plan = costs.plan(asked, descriptor.capabilities());
        List<TypedAddress> srcs = query.srcs().isEmpty() ? List.of(TypedAddress.of(request.client())) : query.srcs();
        if (plan.calendared()) {
            return Reply.ok(descriptor.mediaType(), ResponseEncoder.endpointCalendarCostMap(
                    calendars.answer(List.of(), asked, plan, locate(srcs), locate(query.dsts()))));
        }
        List<CostTable> tables = CostQuery.compute(locate(srcs), locate(query.dsts()), plan);
        byte[] body = asked.multiCost()
                ? ResponseEncoder.endpointMultiCostMap(new MultiCostMapResponse(List.of(), asked.costTypes(), tables))
                : ResponseEncoder.endpointCostMap(new CostMapResponse(List.of(), asked.costType(), tables.getFirst()));
        return Reply.ok(descriptor.mediaType(), body);
    }

    /** Each distinct endpoint once, in request order, with the PID its address falls in. */
    private List<CostQuery.Location> locate(List<TypedAddress> endpoints) {
        Set<String> seen = HashSet.newHashSet(endpoints.size());
        List<CostQuery.Location> located = new ArrayList<>(endpoints.size());
        for (TypedAddress endpoint : endpoints) {
            if (seen.add(endpoint.text())) {
                located.add(new CostQuery.Location(endpoint.text(), networkMap.lookup(endpoint)));
            }
        }
        return located;
    }
}
