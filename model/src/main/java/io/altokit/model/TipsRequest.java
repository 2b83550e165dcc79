package io.altokit.model;

import java.util.Optional;

/**
 * RFC 9569 section 6.1 (TIPSReq): the body of a request that opens a TIPS view, and of a request for
 * a new next edge recommendation on an open view (section 7.4, which carries no input).
 *
 * @param resourceId the resource whose versions the view publishes
 * @param tag        the version tag of the version the client holds (resources with a vtag)
 * @param input      the input of a POST-mode resource (filtered cost map, endpoint cost), as JSON
 */
public record TipsRequest(String resourceId, Optional<String> tag, Optional<byte[]> input) implements QueryBody {
}
