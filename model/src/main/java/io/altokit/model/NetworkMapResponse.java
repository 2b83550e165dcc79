package io.altokit.model;

import java.util.List;
import java.util.Map;

/** RFC 7285 11.2.1.6 InfoResourceNetworkMap: PID name -> address type -> prefixes, in iteration order. */
public record NetworkMapResponse(VersionTag vtag, Map<String, Map<AddressType, List<String>>> pids) {
}
