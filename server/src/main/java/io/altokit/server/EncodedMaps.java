package io.altokit.server;

import io.altokit.server.http.Representation;
import io.altokit.server.privacy.PrivacyPolicy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The encoded full maps of the catalogs being served, carried from one publication's catalogs to
 * the next, in two ways. By content tag: a map whose content tag stayed (its costs and its network
 * map unchanged, as an incremental rebuild leaves every metric a change did not touch) keeps its
 * encoding, identity and gzip. By slot (a map's path under one privacy policy): the newest version
 * encoded there, from which the next version of that map is derived row by row ({@link
 * CostMapEncoding#next}, {@link NetworkMapEncoding#next}) when its content tag changed. Holds the encodings of the newest generation
 * and the newest encoded version per slot; the older ones go with the catalogs that still use them.
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

    /** Where the versions of one map follow each other: its path, under the privacy policy its catalog serves. */
    record Slot(PrivacyPolicy policy, String path) {}

    private Map<String, Encoding> published = Map.of();
    private Map<String, Encoding> building = new HashMap<>();
    private final Map<Slot, Object> newestBySlot = new HashMap<>();

    /** The encoding of the map tagged {@code contentTag} in the catalogs being built: the published one's if it had it. */
    synchronized Encoding forTag(String contentTag) {
        return building.computeIfAbsent(contentTag, tag -> published.getOrDefault(tag, new Encoding()));
    }

    /** The catalogs being built are published: the next ones take over their encodings, and no others. */
    synchronized void published() {
        published = building;
        building = new HashMap<>();
    }

    /**
     * Encodes a map with {@code encoder}, given the newest encoding of its slot if there is one (to
     * derive from), and keeps the result as the slot's newest.
     *
     * @param type what the slot holds: {@link CostMapEncoding} or {@link NetworkMapEncoding}
     */
    <E> E encode(Slot slot, Class<E> type, Function<Optional<E>, E> encoder) {
        Optional<E> newest;
        synchronized (this) {
            newest = Optional.ofNullable(newestBySlot.get(slot)).map(type::cast);
        }
        // Outside the lock: encoding a large map takes a while, and other maps need not wait for it.
        E encoded = encoder.apply(newest);
        synchronized (this) {
            newestBySlot.put(slot, encoded);
        }
        return encoded;
    }
}
