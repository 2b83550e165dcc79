package io.altokit.server.update;

import io.altokit.core.Snapshot;
import io.altokit.model.UpdateStreamRequest;

import java.util.Optional;

/**
 * One resource a stream follows, under the client's id for it, and what the client holds of it:
 * the snapshot its full map was last brought to, or the last answer to its input. Changed only on
 * the streams' own thread.
 */
final class Substream {
    final String clientId;
    final UpdateStreamRequest.AddUpdate request;
    /** Order of addition, which keeps a stream's events in the order its substreams were added. */
    final long sequence;
    Snapshot held;
    byte[] lastAnswer;

    Substream(String clientId, UpdateStreamRequest.AddUpdate request, long sequence) {
        this.clientId = clientId;
        this.request = request;
        this.sequence = sequence;
    }

    Optional<byte[]> input() {
        return request.input();
    }
}
