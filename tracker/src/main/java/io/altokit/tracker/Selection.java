package io.altokit.tracker;

import java.util.List;

/**
 * The peers chosen for one announce, in the order to contact them, and how they were chosen.
 *
 * @param samePid  how many of the ranked places went to peers in the announcing peer's own PID
 * @param random   how many hold their place by the random share
 * @param unranked how many were chosen without ALTO guidance (no maps, or no cost for their PID)
 */
record Selection(List<ListedPeer> peers, int samePid, int random, int unranked) {
    public Selection {
        peers = List.copyOf(peers);
    }
}
