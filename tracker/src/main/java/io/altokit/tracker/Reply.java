package io.altokit.tracker;

/**
 * What the tracker answers to one HTTP request.
 *
 * @param status HTTP status: 200 also for bencoded failure reasons, as BitTorrent clients expect
 */
public record Reply(int status, String contentType, byte[] body) {
    static final String BENCODE = "text/plain";

    static Reply bencoded(byte[] body) {
        return new Reply(200, BENCODE, body);
    }

    static Reply failure(int status, String reason) {
        return new Reply(status, BENCODE, Responses.failure(reason));
    }
}
