package io.altokit.provision.mrt;

import java.util.Optional;

/** MRT record types and subtypes (RFC 6396 section 4, RFC 8050), by number and by the name an operator reads. */
final class MrtTypes {
    static final int TABLE_DUMP = 12;
    static final int TABLE_DUMP_V2 = 13;
    static final int BGP4MP = 16;
    static final int BGP4MP_ET = 17;

    private MrtTypes() {
    }

    /** The name RFC 6396 gives {@code type}; empty for a number it does not define (the input is then no MRT). */
    static Optional<String> typeName(int type) {
        return Optional.ofNullable(switch (type) {
            case 11 -> "OSPFv2";
            case TABLE_DUMP -> "TABLE_DUMP";
            case TABLE_DUMP_V2 -> "TABLE_DUMP_V2";
            case BGP4MP -> "BGP4MP";
            case BGP4MP_ET -> "BGP4MP_ET";
            case 32 -> "ISIS";
            case 33 -> "ISIS_ET";
            case 48 -> "OSPFv3";
            case 49 -> "OSPFv3_ET";
            default -> null;
        });
    }

    /** "TYPE SUBTYPE", e.g. "BGP4MP STATE_CHANGE", for a type {@link #typeName} knows. */
    static String kind(int type, int subtype) {
        String subtypeName = switch (type) {
            case TABLE_DUMP -> switch (subtype) {
                case 1 -> "AFI_IPv4";
                case 2 -> "AFI_IPv6";
                default -> null;
            };
            case TABLE_DUMP_V2 -> switch (subtype) {
                case 1 -> "PEER_INDEX_TABLE";
                case 2 -> "RIB_IPV4_UNICAST";
                case 3 -> "RIB_IPV4_MULTICAST";
                case 4 -> "RIB_IPV6_UNICAST";
                case 5 -> "RIB_IPV6_MULTICAST";
                case 6 -> "RIB_GENERIC";
                case 8 -> "RIB_IPV4_UNICAST_ADDPATH";
                case 9 -> "RIB_IPV4_MULTICAST_ADDPATH";
                case 10 -> "RIB_IPV6_UNICAST_ADDPATH";
                case 11 -> "RIB_IPV6_MULTICAST_ADDPATH";
                case 12 -> "RIB_GENERIC_ADDPATH";
                default -> null;
            };
            case BGP4MP, BGP4MP_ET -> switch (subtype) {
                case Bgp4mp.STATE_CHANGE -> "STATE_CHANGE";
                case Bgp4mp.MESSAGE -> "MESSAGE";
                case Bgp4mp.MESSAGE_AS4 -> "MESSAGE_AS4";
                case Bgp4mp.STATE_CHANGE_AS4 -> "STATE_CHANGE_AS4";
                case Bgp4mp.MESSAGE_LOCAL -> "MESSAGE_LOCAL";
                case Bgp4mp.MESSAGE_AS4_LOCAL -> "MESSAGE_AS4_LOCAL";
                case 8 -> "MESSAGE_ADDPATH";
                case 9 -> "MESSAGE_AS4_ADDPATH";
                case 10 -> "MESSAGE_LOCAL_ADDPATH";
                case 11 -> "MESSAGE_AS4_LOCAL_ADDPATH";
                default -> null;
            };
            default -> "";
        };
        String typeText = typeName(type).orElse("type " + type);
        return subtypeName == null ? typeText + " subtype " + subtype : subtypeName.isEmpty() ? typeText : typeText + " " + subtypeName;
    }
}
