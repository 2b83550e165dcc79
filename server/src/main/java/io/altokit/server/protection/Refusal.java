package io.altokit.server.protection;

import io.altokit.model.AltoError;
import io.altokit.model.ErrorCode;
import io.altokit.server.http.Reply;

import java.util.Map;

/** The answers guards refuse with: an RFC 7285 error object under the status, plus the headers HTTP asks for. */
public final class Refusal {

    private Refusal() {
    }

    /** @param reason why, for the refusal metrics (see {@link Verdict.Refuse}) */
    public static Verdict refuse(int status, ErrorCode code, Map<String, String> headers, String reason) {
        return Verdict.refuse(Reply.error(status, AltoError.of(code)).withHeaders(headers), reason);
    }
}
