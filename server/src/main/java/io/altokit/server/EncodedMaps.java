package io.altokit.server;

import io.altokit.server.http.Representation;
import io.altokit.server.privacy.PrivacyPolicy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The encoded full maps of the catalogs being served, carried from one publication's catalogs to
 * the next, in two ways. By content tag: a map whose content tag stayed (its costs and its network
 * map unchanged, as an incremental rebuild leaves every metric a change did not touch) keeps its
 * encoding, identity and gzip. By slot (a map's path under one privacy policy): the newest version
 * encoded there, from which the next version of that map is derived row by row ({@link
 * CostMapEncoding#next}, {@link NetworkMapEncoding#next}) when its content tag changed. Holds the
 * encodings of the newest generation and the newest encoded version per slot; the older ones go
 * with the catalogs that still use them. Newest means of the newest generation of catalogs: a
 * request still answered from older catalogs, encoding their version late, does not replace a
 * newer one (its encoding would keep an old matrix alive and make the next derivation longer), and
 * a slot the newest catalogs do not have (a metric or a privacy policy gone) lets its encoding go.
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

    /** A slot as one generation of catalogs has it: the versions encoded there are ordered by generation. */
    record SlotVersion(Slot slot, long generation) {}

    private record Newest(long generation, Object encoding) {}

    private Map<String, Encoding> published = Map.of();
    private Map<String, Encoding> building = new HashMap<>();
    private Set<Slot> publishedSlots = Set.of();
    private Set<Slot> buildingSlots = new HashSet<>();
    /** The generation of the catalogs being built; the published ones are the generation before. */
    private long generation;
    private final Map<Slot, Newest> newestBySlot = new HashMap<>();

    /** The encoding of the map tagged {@code contentTag} in the catalogs being built: the published one's if it had it. */
    synchronized Encoding forTag(String contentTag) {
        return building.computeIfAbsent(contentTag, tag -> published.getOrDefault(tag, new Encoding()));
    }

    /** The slot of the map at {@code path} under {@code policy} in the catalogs being built. */
    synchronized SlotVersion slot(PrivacyPolicy policy, String path) {
        Slot slot = new Slot(policy, path);
        buildingSlots.add(slot);
        return new SlotVersion(slot, generation);
    }

    /**
     * The catalogs being built are published: the next ones take over their encodings, and no
     * others; a slot they do not have lets its newest encoding go.
     */
    synchronized void published() {
        published = building;
        building = new HashMap<>();
        publishedSlots = buildingSlots;
        buildingSlots = new HashSet<>();
        newestBySlot.keySet().retainAll(publishedSlots);
        generation++;
    }

    /**
     * Encodes a map with {@code encoder}, given the newest encoding of its slot if there is one (to
     * derive from), and keeps the result as the slot's newest unless a newer generation's encoding
     * is there already or the slot is gone.
     *
     * @param type what the slot holds: {@link CostMapEncoding} or {@link NetworkMapEncoding}
     */
    <E> E encode(SlotVersion version, Class<E> type, Function<Optional<E>, E> encoder) {
        Optional<E> newest;
        synchronized (this) {
            newest = Optional.ofNullable(newestBySlot.get(version.slot())).map(Newest::encoding).map(type::cast);
        }
        // Outside the lock: encoding a large map takes a while, and other maps need not wait for it.
        E encoded = encoder.apply(newest);
        synchronized (this) {
            Slot slot = version.slot();
            Newest there = newestBySlot.get(slot);
            boolean live = publishedSlots.contains(slot) || buildingSlots.contains(slot);
            if (live && (there == null || there.generation() <= version.generation())) {
                newestBySlot.put(slot, new Newest(version.generation(), encoded));
            }
        }
        return encoded;
    }
}
