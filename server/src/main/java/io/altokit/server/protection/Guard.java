package io.altokit.server.protection;

/**
 * One check in front of every resource (authentication, access rules, rate limits, privacy budgets).
 * Guards run in a fixed order on the I/O thread and must not block.
 */
@FunctionalInterface
public interface Guard {

    Verdict check(Call call);
}
