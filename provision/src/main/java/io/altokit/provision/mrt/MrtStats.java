package io.altokit.provision.mrt;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a reader has seen so far: whole MRT records, PEER_INDEX_TABLEs, RIB records (TABLE_DUMP_V2 and
 * TABLE_DUMP), routes returned (entries, announcements and withdrawals), what was skipped, by reason,
 * and how many records of each kind ("BGP4MP MESSAGE_AS4"), in the order they first appeared.
 */
public record MrtStats(long records, long peerIndexTables, long ribRecords, long entries, Map<Skip, Long> skipped,
                       Map<String, Long> kinds) {

    /** Why a record or an entry was skipped. */
    public enum Skip {
        /** The input does not start with an MRT record header of a type RFC 6396 defines; nothing was read. */
        NOT_MRT,
        /** A record of a type that carries no BGP routes (OSPF, IS-IS). */
        OTHER_TYPE,
        /** A record of a subtype this reader does not take: multicast, RIB_GENERIC, BGP4MP ADD-PATH messages. */
        OTHER_SUBTYPE,
        /** A record whose fields contradict its length; entries after the damage are lost with it. */
        MALFORMED_RECORD,
        /** A record longer than the reader accepts; skipped without being read into memory. */
        OVERSIZED_RECORD,
        /** A BGP4MP record whose BGP message a session would have answered with a NOTIFICATION. */
        MALFORMED_MESSAGE,
        /** An entry or UPDATE whose attributes would have been treated as withdrawn, or reset a BGP session. */
        MALFORMED_ATTRIBUTES,
        /** An entry naming a peer missing from the last PEER_INDEX_TABLE (or before any). */
        UNKNOWN_PEER,
        /** The input ended inside a record, or its compressed data is damaged. */
        TRUNCATED
    }

    public MrtStats {
        EnumMap<Skip, Long> copy = new EnumMap<>(Skip.class);
        copy.putAll(skipped);
        skipped = Collections.unmodifiableMap(copy);
        kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    }

    public long skipped(Skip reason) {
        return skipped.getOrDefault(reason, 0L);
    }

    public long totalSkipped() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
