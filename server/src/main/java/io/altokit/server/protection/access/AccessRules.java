package io.altokit.server.protection.access;

import io.altokit.model.ErrorCode;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Refusal;
import io.altokit.server.protection.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The access guard: the first rule that matches the caller decides which resources it may use;
 * a caller no rule matches is refused everything (403). Any caller a rule matches may read the
 * directory, which clients need to find the resources they are granted.
 */
public final class AccessRules implements Guard {
    private static final Logger LOG = LoggerFactory.getLogger(AccessRules.class);
    /** The IRD's own resource id (DirectoryResource). */
    static final String DIRECTORY = "directory";

    private final List<AccessRule> rules;

    public AccessRules(List<AccessRule> rules) {
        this.rules = List.copyOf(rules);
    }

    @Override
    public Verdict check(Call call) {
        Optional<AccessRule> rule = ruleFor(call);
        if (rule.isPresent() && (call.resourceId().equals(Optional.of(DIRECTORY)) || rule.get().grants(call.resourceId()))) {
            return Verdict.pass(call);
        }
        LOG.debug("403 for {} {} from {}{}: {}", call.request().method(), call.request().path(),
                call.caller().address().getHostAddress(), call.caller().name().map(name -> " (" + name + ")").orElse(""),
                rule.isPresent() ? "resource not granted by access rule " + (rules.indexOf(rule.get()) + 1)
                        : "no access rule matches");
        return Refusal.refuse(403, ErrorCode.E_FORBIDDEN, Map.of());
    }

    /** The rule that decides for this caller: the first that matches it. */
    Optional<AccessRule> ruleFor(Call call) {
        return rules.stream().filter(candidate -> candidate.matches(call.caller())).findFirst();
    }
}
