package io.altokit.provision.bgp;

import java.util.List;
import java.util.stream.Stream;

/** The ordered {@code bgp.rules}: the first rule a route matches names its PID, else the default PID. */
public record PidRules(List<PidRule> rules, String defaultPid) {

    public PidRules {
        rules = List.copyOf(rules);
    }

    public String pidFor(RouteAttributes route) {
        for (PidRule rule : rules) {
            if (rule.matches(route)) {
                return rule.pid();
            }
        }
        return defaultPid;
    }

    /** Every PID a route can be assigned, in rule order, the default last; each once. */
    public List<String> pids() {
        return Stream.concat(rules.stream().map(PidRule::pid), Stream.of(defaultPid))
                .distinct().toList();
    }
}
