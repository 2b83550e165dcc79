package io.altokit.server;

import io.altokit.core.NetworkMap;
import io.altokit.model.CostMapFilter;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostSelection;
import io.altokit.model.CostTable;
import io.altokit.model.Directory;
import io.altokit.model.MediaTypes;
import io.altokit.model.MultiCostMapResponse;
import io.altokit.model.RequestDecoder;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.VersionTag;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * A filtered cost map (RFC 7285 11.3.2): any offered cost type, PID subsets, cost constraints; and
 * several cost types at once with tests on testable types (RFC 8189 4.1); cost calendars (RFC 8896
 * 4.2), as its capabilities say.
 */
final class FilteredCostMapResource implements AltoResource.Service<CostMapFilter> {
    private static final Query.Parser<CostMapFilter> PARSER = new Query.Parser<>(RequestDecoder::costMapFilter);
    private final ResourceDescriptor descriptor;
    private final OfferedCosts costs;
    private final NetworkMapResource networkMapResource;
    private final NetworkMap networkMap;
    private final List<CostQuery.Location> allPids;
    private final CalendarAnswers calendars;

    FilteredCostMapResource(String id, String path, Directory.Capabilities capabilities, OfferedCosts costs,
                            NetworkMapResource networkMapResource, NetworkMap networkMap, List<CostQuery.Location> allPids,
                            CalendarAnswers calendars) {
        this.descriptor = ResourceDescriptor.post(id, path, MediaTypes.COST_MAP, MediaTypes.COST_MAP_FILTER, capabilities,
                List.of(networkMapResource.descriptor().id()));
        this.costs = costs;
        this.networkMapResource = networkMapResource;
        this.networkMap = networkMap;
        this.allPids = allPids;
        this.calendars = calendars;
    }

    @Override
    public ResourceDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public Query.Parser<CostMapFilter> parser() {
        return PARSER;
    }

    @Override
    public Reply answer(AltoRequest request, CostMapFilter filter) {
        CostSelection asked = filter.costs();
        CostPlan plan = costs.plan(asked, descriptor.capabilities());
        List<VersionTag> vtags = List.of(networkMapResource.vtag());
        if (plan.calendared()) {
            return Reply.ok(descriptor.mediaType(), ResponseEncoder.calendarCostMap(
                    calendars.answer(vtags, asked, plan, select(filter.srcPids()), select(filter.dstPids()))));
        }
        List<CostTable> tables = CostQuery.compute(select(filter.srcPids()), select(filter.dstPids()), plan);
        byte[] body = asked.multiCost()
                ? ResponseEncoder.multiCostMap(new MultiCostMapResponse(vtags, asked.costTypes(), tables))
                : ResponseEncoder.costMap(new CostMapResponse(vtags, asked.costType(), tables.getFirst()));
        return Reply.ok(descriptor.mediaType(), body);
    }

    /** RFC 7285 11.3.2.3: an empty list means every PID; duplicates count once; unknown PIDs are ignored. */
    private List<CostQuery.Location> select(List<String> names) {
        if (names.isEmpty()) {
            return allPids;
        }
        return new LinkedHashSet<>(names).stream()
                .flatMap(name -> networkMap.indexOf(name).stream().mapToObj(index -> new CostQuery.Location(name, index)))
                .toList();
    }
}
