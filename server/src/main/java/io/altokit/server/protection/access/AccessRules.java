package io.altokit.server.protection.access;

import io.altokit.model.ErrorCode;
import io.altokit.server.protection.AccessControl;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Caller;
import io.altokit.server.protection.Grant;
import io.altokit.server.protection.Refusal;
import io.altokit.server.protection.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The access guard: the first rule that matches the caller decides which resources it may use;
 * a caller no rule matches is refused everything (403). Any caller a rule matches may read the
 * directory, which clients need to find the resources they are granted; it lists only those (the
 * caller's {@link io.altokit.server.protection.CallerView}), so that a client does not discover
 * services it would then be refused, and a partner does not learn what else the operator offers.
 */
public final class AccessRules implements AccessControl {
    private static final Logger LOG = LoggerFactory.getLogger(AccessRules.class);
    /** The IRD's own resource id (DirectoryResource). */
    private static final String DIRECTORY = "directory";
    /** The grant of a caller no rule matches; such callers are refused before any view is chosen. */
    private static final Grant NOTHING = Grant.only(Set.of());

    private final List<AccessRule> rules;

    public AccessRules(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public Verdict check(Call call) {
        Optional<AccessRule> rule = ruleFor(call.caller());
        if (rule.isPresent() && (call.resourceId().equals(Optional.of(DIRECTORY)) || rule.get().grants(call.resourceId()))) {
            return Verdict.pass(call);
        }
        LOG.debug("403 for {} {} from {}{}: {}", call.request().method(), call.request().path(),
                call.caller().address().getHostAddress(), call.caller().name().map(name -> " (" + name + ")").orElse(""),
                rule.isPresent() ? "resource not granted by access rule " + (rules.indexOf(rule.get()) + 1)
                        : "no access rule matches");
        return Refusal.refuse(403, ErrorCode.E_FORBIDDEN, Map.of(), rule.isPresent() ? "not_granted" : "no_rule");
    }

    /** The rule that decides for this caller: the first that matches it. */
    private Optional<AccessRule> ruleFor(Caller caller) {
        for (AccessRule rule : rules) {
            if (rule.matches(caller)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    @Override
    public Grant grantFor(Caller caller) {
        return ruleFor(caller).map(AccessRule::grant).orElse(NOTHING);
    }

    @Override
    public Set<Grant> grants() {
        Set<Grant> grants = new LinkedHashSet<>();
        rules.forEach(rule -> grants.add(rule.grant()));
        grants.add(NOTHING);
        return grants;
    }
}
