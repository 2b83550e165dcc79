package io.altokit.app.trial;

import io.altokit.tracker.Bencode;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** A single-file torrent (BEP 3) of the trial's payload; the info hash does not depend on the announce URL. */
final class Torrent {
    static final int PIECE_BYTES = 64 * 1024;

    private Torrent() {
    }

    /** The metainfo file's bytes: {@code announce} and the info dictionary of {@code payload} named {@code name}. */
    static byte[] metainfo(String announce, String name, byte[] payload) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("length", (long) payload.length);
        info.put("name", name);
        info.put("piece length", (long) PIECE_BYTES);
        info.put("pieces", pieces(payload));
        Map<String, Object> metainfo = new LinkedHashMap<>();
        metainfo.put("announce", announce);
        metainfo.put("info", info);
        return Bencode.encode(metainfo);
    }

    /** The SHA-1 of every piece, concatenated. */
    private static byte[] pieces(byte[] payload) {
        MessageDigest sha1 = digest("SHA-1");
        int count = (payload.length + PIECE_BYTES - 1) / PIECE_BYTES;
        byte[] pieces = new byte[count * 20];
        for (int piece = 0; piece < count; piece++) {
            int from = piece * PIECE_BYTES;
            sha1.update(payload, from, Math.min(PIECE_BYTES, payload.length - from));
            System.arraycopy(sha1.digest(), 0, pieces, piece * 20, 20);
        }
        return pieces;
    }

    /** The info hash in hex, as opentracker's whitelist lists torrents. */
    static String infoHashHex(byte[] metainfo) {
        Map<?, ?> decoded = (Map<?, ?>) Bencode.decode(metainfo);
        return HexFormat.of().formatHex(digest("SHA-1").digest(Bencode.encode(decoded.get("info"))));
    }

    static String sha256Hex(byte[] data) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(data));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is in every JDK", e);
        }
    }
}
