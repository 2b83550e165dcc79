package io.altokit.server.protection.auth;

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
import java.util.OptionalLong;

/**
 * The authentication guard: the configured methods in order; the first that identifies the caller
 * names it. Wrong credentials of any method are refused with 401 at once (no falling back to
 * anonymous access). Without credentials the caller is refused with 401 and the challenges of all
 * configured HTTP schemes, unless anonymous callers are allowed (the access rules then decide by
 * source address). Why a credential failed goes to the log, never to the caller. A source address
 * with too many failed attempts in the last minute gets 429 for its credentials until its budget
 * refills ({@link FailedAttempts}), so wrong passwords cannot be used to keep the CPU busy with hashing.
 */
public final class Authentication implements Guard {
    private static final Logger LOG = LoggerFactory.getLogger(Authentication.class);

    private final List<Authenticator> methods;
    private final boolean anonymousAllowed;
    private final Map<String, String> challenges;
    private final FailedAttempts failures;

    /** @param failuresPerMinute failed attempts a source address may make per minute before it is refused unchecked */
    public Authentication(List<Authenticator> methods, boolean anonymousAllowed, long failuresPerMinute) {
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("authentication needs at least one method");
        }
        this.methods = List.copyOf(methods);
        this.anonymousAllowed = anonymousAllowed;
        this.failures = new FailedAttempts(failuresPerMinute);
        List<String> offered = methods.stream().flatMap(method -> method.challenge().stream()).toList();
        this.challenges = offered.isEmpty() ? Map.of() : Map.of("WWW-Authenticate", String.join(", ", offered));
    }

    @Override
    public Verdict check(Call call) {
        if (call.request().authorization().isPresent()) {
            OptionalLong wait = failures.secondsUntilAllowed(call.caller().address());
            if (wait.isPresent()) {
                return Refusal.refuse(429, ErrorCode.E_RATE_LIMITED, Map.of("Retry-After", Long.toString(wait.getAsLong())),
                        "failed_logins");
            }
        }
        for (Authenticator method : methods) {
            switch (method.identify(call.request())) {
                case Identification.Identified identified -> {
                    return Verdict.pass(call.withCaller(call.caller().named(identified.name())));
                }
                case Identification.Rejected rejected -> {
                    LOG.debug("401 for {} {} from {}: {}", call.request().method(), call.request().path(),
                            call.caller().address().getHostAddress(), rejected.reason());
                    failures.record(call.caller().address());
                    return unauthorized(rejected.challenge(), "bad_credentials");
                }
                case Identification.Absent absent -> {
                }
            }
        }
        Optional<String> unhandled = call.request().authorization();
        if (unhandled.isPresent()) {
            LOG.debug("401 for {} {} from {}: no credentials this server accepts in an Authorization header of scheme \"{}\"",
                    call.request().method(), call.request().path(), call.caller().address().getHostAddress(),
                    Authenticator.scheme(unhandled.get()));
            failures.record(call.caller().address());
            return unauthorized(Optional.empty(), "bad_credentials");
        }
        return anonymousAllowed ? Verdict.pass(call) : unauthorized(Optional.empty(), "no_credentials");
    }

    private Verdict unauthorized(Optional<String> specificChallenge, String reason) {
        return Refusal.refuse(401, ErrorCode.E_UNAUTHORIZED,
                specificChallenge.map(challenge -> Map.of("WWW-Authenticate", challenge)).orElse(challenges), reason);
    }
}
