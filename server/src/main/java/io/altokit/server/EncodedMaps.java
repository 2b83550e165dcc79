package io.altokit.server;

import io.altokit.server.http.Representation;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The encoded full maps of the catalogs being served, by content tag, carried from one publication's
 * catalogs to the next: a map whose content tag stayed (its costs and its network map unchanged, as
 * an incremental rebuild leaves every metric a change did not touch) keeps its encoding, identity
 * and gzip, and only the changed maps are encoded again. Holds the encodings of the newest
 * generation only: the older ones go with the catalogs that still use them.
 */
final class EncodedMaps {

    /** One full map's bytes, encoded once, on the first request that needs them. */
    static final class Encoding {
        private volatile Representation representation;

        /** The representation, encoded by {@code encoder} if no request did it before; callers wait for one encoding. */
        Representation get(Supplier<Representation> encoder) {
            Representation result = representation;
            if (result == null) {
                synchronized (this) {
                    result = representation;
                    if (result == null) {
                        result = encoder.get();
                        representation = result;
                    }
                }
            }
            return result;
        }
    }

    private Map<String, Encoding> published = Map.of();
    private Map<String, Encoding> building = new HashMap<>();

    /** The encoding of the map tagged {@code contentTag} in the catalogs being built: the published one's if it had it. */
    synchronized Encoding forTag(String contentTag) {
        return building.computeIfAbsent(contentTag, tag -> published.getOrDefault(tag, new Encoding()));
    }

    /** The catalogs being built are published: the next ones take over their encodings, and no others. */
    synchronized void published() {
        published = building;
        building = new HashMap<>();
    }
}
