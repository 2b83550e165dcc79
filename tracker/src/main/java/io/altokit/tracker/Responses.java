package io.altokit.tracker;

import io.altokit.model.AddressText;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The bencoded bodies the tracker answers with (BEP 3, 7, 23, 48). */
final class Responses {
    private Responses() {
    }

    static byte[] failure(String reason) {
        return Bencode.encode(Map.of("failure reason", reason));
    }

    /**
     * An announce answer: compact lists split by family ({@code peers}: 6 bytes per IPv4 peer,
     * {@code peers6}: 18 bytes per IPv6 peer), or a list of dictionaries when compact=0.
     */
    static byte[] announce(Selection selection, Announce announce, long intervalSeconds, int complete, int incomplete) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("complete", complete);
        body.put("incomplete", incomplete);
        body.put("interval", intervalSeconds);
        body.put("min interval", Math.max(1, intervalSeconds / 2));
        if (announce.compact()) {
            ByteArrayOutputStream v4 = new ByteArrayOutputStream(selection.peers().size() * 6);
            ByteArrayOutputStream v6 = new ByteArrayOutputStream();
            for (ListedPeer peer : selection.peers()) {
                ByteArrayOutputStream out = peer.address().length == 4 ? v4 : v6;
                out.writeBytes(peer.address());
                out.write(peer.port() >>> 8);
                out.write(peer.port());
            }
            body.put("peers", v4.toByteArray());
            if (v6.size() > 0) {
                body.put("peers6", v6.toByteArray());
            }
        } else {
            List<Object> peers = new ArrayList<>(selection.peers().size());
            for (ListedPeer peer : selection.peers()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("ip", AddressText.format(peer.address()));
                entry.put("port", peer.port());
                if (!announce.noPeerId()) {
                    entry.put("peer id", peer.peerId().bytes());
                }
                peers.add(entry);
            }
            body.put("peers", peers);
        }
        return Bencode.encode(body);
    }

    /** One torrent's counts in a scrape answer. */
    record ScrapeEntry(Id20 infoHash, int complete, long downloaded, int incomplete) {
    }

    static byte[] scrape(List<ScrapeEntry> entries) {
        Map<String, Object> files = new LinkedHashMap<>();
        for (ScrapeEntry entry : entries) {
            files.put(new String(entry.infoHash().bytes(), StandardCharsets.ISO_8859_1),
                    Map.of("complete", entry.complete(), "downloaded", entry.downloaded(), "incomplete", entry.incomplete()));
        }
        return Bencode.encode(Map.of("files", files));
    }
}
