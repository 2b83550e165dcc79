package io.altokit.provision.mrt;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a reader has seen so far: whole MRT records, PEER_INDEX_TABLEs, RIB records, entries returned,
 * and what was skipped, by reason.
 */
public record MrtStats(long records, long peerIndexTables, long ribRecords, long entries, Map<Skip, Long> skipped) {

    /** Why a record or an entry was skipped. */
    public enum Skip {
        /** A record of another MRT type (BGP4MP, the old TABLE_DUMP, OSPF...). */
        OTHER_TYPE,
        /** A TABLE_DUMP_V2 record of another subtype (multicast, RIB_GENERIC). */
        OTHER_SUBTYPE,
        /** A record whose fields contradict its length; entries after the damage are lost with it. */
        MALFORMED_RECORD,
        /** A record longer than the reader accepts; skipped without being read into memory. */
        OVERSIZED_RECORD,
        /** An entry whose attributes would have been treated as withdrawn, or reset a BGP session. */
        MALFORMED_ATTRIBUTES,
        /** An entry naming a peer missing from the last PEER_INDEX_TABLE (or before any). */
        UNKNOWN_PEER,
        /** The input ended inside a record. */
        TRUNCATED
    }

    public MrtStats {
        EnumMap<Skip, Long> copy = new EnumMap<>(Skip.class);
        copy.putAll(skipped);
        skipped = Collections.unmodifiableMap(copy);
    }

    public long skipped(Skip reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    public long totalSkipped() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
