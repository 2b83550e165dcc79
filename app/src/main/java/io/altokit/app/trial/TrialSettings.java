package io.altokit.app.trial;

import java.time.Duration;
import java.util.List;

/**
 * What one {@code alto trial} runs.
 *
 * @param plan        who is where
 * @param policies    the runs, in order, each on the same plan and network
 * @param fileBytes   the shared file's size
 * @param connections peers each client keeps at most ({@code aria2c --bt-max-peers}): a small part of
 *                    the swarm, as in a large one, so that the order of the peer list decides who they are
 * @param uplinkKbit  each area uplink's rate, both ways
 * @param timeLimit   a policy's run ends here even when peers are still downloading
 * @param alto        how to start {@code alto} commands inside the namespaces
 */
public record TrialSettings(TrialPlan plan, List<Policy> policies, int fileBytes, int connections, long uplinkKbit,
                            Duration timeLimit, AltoLauncher alto) {

    public TrialSettings {
        policies = List.copyOf(policies);
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("--policy names at least one policy");
        }
        if (fileBytes < Torrent.PIECE_BYTES) {
            throw new IllegalArgumentException("the file must be at least " + Torrent.PIECE_BYTES + " bytes, got " + fileBytes);
        }
        if (connections < 1) {
            throw new IllegalArgumentException("--connections must be at least 1, got " + connections);
        }
        if (uplinkKbit < 8) {
            throw new IllegalArgumentException("--uplink-kbit must be at least 8, got " + uplinkKbit);
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("--time-limit must be positive, got " + timeLimit);
        }
    }

    /** By default a client keeps as many peers as the largest area holds: with ALTO, its area and one more. */
    public static int defaultConnections(TrialPlan plan) {
        return plan.largestArea();
    }
}
