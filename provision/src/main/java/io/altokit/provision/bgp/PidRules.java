package io.altokit.provision.bgp;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The ordered {@code bgp.rules}: the first rule a route matches names its PID, else the default PID. */
public record PidRules(List<PidRule> rules, String defaultPid) {

    public PidRules {
        rules = List.copyOf(rules);
    }

    public String pidFor(RouteAttributes route) {
        for (PidRule rule : rules) {
            Optional<String> pid = rule.pidFor(route);
            if (pid.isPresent()) {
                return pid.get();
            }
        }
        return defaultPid;
    }

    /**
     * The PIDs the rules name, in rule order, the default last; each once. They exist even while no
     * route carries them; the PIDs of per-value rules come and go with the routes.
     */
    public List<String> pids() {
        return Stream.concat(rules.stream().flatMap(rule -> rule.fixedPid().stream()), Stream.of(defaultPid))
                .distinct().toList();
    }
}
