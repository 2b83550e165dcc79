package io.altokit.client;

/**
 * Messages in the shape of the RFC 8895 and RFC 9569 examples (resources my-network-map,
 * my-routingcost-map, update-my-costs, update-my-costs-tips), for scripted servers.
 */
final class UpdateExamples {
    private UpdateExamples() {
    }

    static String directory(boolean sse, boolean tips) {
        String services = (sse ? """
                , "update-my-costs": {"uri": "/updates/costs", "media-type": "text/event-stream",
                   "accepts": "application/alto-updatestreamparams+json", "uses": ["my-network-map", "my-routingcost-map"],
                   "capabilities": {"incremental-change-media-types": {"my-network-map": "application/json-patch+json",
                     "my-routingcost-map": "application/merge-patch+json"}, "support-stream-control": true}}""" : "")
                + (tips ? """
                , "update-my-costs-tips": {"uri": "/updates-new/costs", "media-type": "application/alto-tips+json",
                   "accepts": "application/alto-tipsparams+json", "uses": ["my-network-map", "my-routingcost-map"],
                   "capabilities": {"incremental-change-media-types": {"my-network-map": "application/json-patch+json",
                     "my-routingcost-map": "application/merge-patch+json"}}}""" : "");
        return """
                {"meta": {"cost-types": {"num-routingcost": {"cost-mode": "numerical", "cost-metric": "routingcost"}},
                          "default-alto-network-map": "my-network-map"},
                 "resources": {
                   "my-network-map": {"uri": "/networkmap", "media-type": "application/alto-networkmap+json"},
                   "my-routingcost-map": {"uri": "/costmap/routingcost", "media-type": "application/alto-costmap+json",
                     "uses": ["my-network-map"], "capabilities": {"cost-type-names": ["num-routingcost"]}}%s}}""".formatted(services);
    }

    static String networkMap(String tag, String pid2) {
        return """
                {"meta": {"vtag": {"resource-id": "my-network-map", "tag": "%s"}},
                 "network-map": {"PID1": {"ipv4": ["192.0.2.0/24"]}, "PID2": {"ipv4": ["%s"]}}}""".formatted(tag, pid2);
    }

    static String costMap(String dependsOn, int pid1ToPid2) {
        return """
                {"meta": {"dependent-vtags": [{"resource-id": "my-network-map", "tag": "%s"}],
                          "cost-type": {"cost-mode": "numerical", "cost-metric": "routingcost"}},
                 "cost-map": {"PID1": {"PID1": 1, "PID2": %d}, "PID2": {"PID1": 5, "PID2": 1}}}""".formatted(dependsOn, pid1ToPid2);
    }

    static String event(String type, String data) {
        StringBuilder text = new StringBuilder("event: ").append(type).append('\n');
        data.lines().forEach(line -> text.append("data: ").append(line).append('\n'));
        return text.append('\n').toString();
    }
}
