package io.altokit.provision.bgp.message;

/** Path attribute type codes and flag bits (RFC 4271 section 4.3 and the IANA registry). */
public final class Attributes {

    public static final int OPTIONAL = 0x80;
    public static final int TRANSITIVE = 0x40;
    public static final int PARTIAL = 0x20;
    public static final int EXTENDED_LENGTH = 0x10;

    public static final int ORIGIN = 1;
    public static final int AS_PATH = 2;
    public static final int NEXT_HOP = 3;
    public static final int MULTI_EXIT_DISC = 4;
    public static final int LOCAL_PREF = 5;
    public static final int ATOMIC_AGGREGATE = 6;
    public static final int AGGREGATOR = 7;
    public static final int COMMUNITIES = 8;
    public static final int ORIGINATOR_ID = 9;
    public static final int CLUSTER_LIST = 10;
    public static final int MP_REACH_NLRI = 14;
    public static final int MP_UNREACH_NLRI = 15;
    public static final int EXTENDED_COMMUNITIES = 16;
    public static final int AS4_PATH = 17;
    public static final int AS4_AGGREGATOR = 18;
    public static final int LARGE_COMMUNITIES = 32;

    private Attributes() {}
}
