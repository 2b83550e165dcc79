package io.altokit.client;

import java.io.IOException;

/** One connection of a {@link Subscription}: an RFC 8895 event stream or an RFC 9569 TIPS view. */
sealed interface UpdateSource permits SseSource, TipsSource {

    /**
     * Opens the subscription, resuming from the versions the sink holds, and delivers updates to it
     * until the server ends it (then returns why) or it fails (then throws). Blocks the calling thread.
     */
    String follow(UpdateSink sink) throws IOException, InterruptedException;

    /** Ends a {@link #follow} in progress on another thread; it then returns or throws soon. */
    void abort();

    /** What the connection follows, for logs and messages. */
    String describe();
}
