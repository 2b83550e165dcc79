package io.altokit.server.protection.access;

import io.altokit.model.Directory;
import io.altokit.model.ResponseDecoder;
import io.altokit.model.ResponseEncoder;
import io.altokit.server.http.Reply;
import io.altokit.server.http.Representation;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.ReplyDecorator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Shows each caller only the resources its access rule grants, so that a client does not discover
 * services it would then be refused, and a partner does not learn what else the operator offers.
 * The filtered directory carries no ETag: it differs by caller, and the unfiltered tag would lie.
 */
public final class DirectoryFilter implements ReplyDecorator {
    private final AccessRules rules;

    public DirectoryFilter(AccessRules rules) {
        this.rules = rules;
    }

    @Override
    public Reply decorate(Call call, Reply reply) {
        if (reply.status() != 200 || !call.resourceId().equals(Optional.of(AccessRules.DIRECTORY))) {
            return reply;
        }
        Optional<AccessRule> rule = rules.ruleFor(call);
        if (rule.isEmpty() || rule.get().resources().contains(AccessRule.ALL)) {
            return reply;
        }
        Directory full = ResponseDecoder.directory(reply.body().identity());
        Map<String, Directory.Entry> granted = new LinkedHashMap<>();
        full.resources().forEach((id, entry) -> {
            if (rule.get().grants(Optional.of(id))) {
                granted.put(id, entry);
            }
        });
        Directory filtered = new Directory(full.costTypes(), full.defaultNetworkMap().filter(granted::containsKey), granted);
        return new Reply(200, reply.mediaType(), Representation.of(ResponseEncoder.directory(filtered)), reply.headers());
    }
}
