package io.altokit.server;

import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Reply;

/**
 * What answers a listener's requests: the {@link Dispatcher} on the main listener; on the admin
 * listener the operator's endpoints ({@link AdminResources#answeringFirst}), then the dispatcher.
 * Never throws.
 */
interface Answerer {

    /** The reply, and what the transport logs and counts it by. */
    record Answer(Reply reply, AnswerOrigin origin) {
    }

    Answer answer(AltoRequest request);
}
