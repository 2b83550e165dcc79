package io.altokit.provision.bgp.message;

import java.util.Objects;

/** An OPEN capability (RFC 5492). The ones the session negotiates are typed; the rest are kept opaque. */
public sealed interface Capability {

    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    /** RFC 8654; carried as {@link Unknown} with an empty value. */
    int EXTENDED_MESSAGE = 6;
    /** RFC 4724; carried as {@link Unknown}. */
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;

    int AFI_IPV4 = 1;
    int AFI_IPV6 = 2;
    int SAFI_UNICAST = 1;

    int code();

    /** Multiprotocol extensions for one AFI/SAFI (RFC 4760 section 8). */
    record Multiprotocol(int afi, int safi) implements Capability {
        public static final Multiprotocol IPV4_UNICAST = new Multiprotocol(AFI_IPV4, SAFI_UNICAST);
        public static final Multiprotocol IPV6_UNICAST = new Multiprotocol(AFI_IPV6, SAFI_UNICAST);

        public Multiprotocol {
            Wire.requireUnsigned(afi, 16, "AFI");
            Wire.requireUnsigned(safi, 8, "SAFI");
        }

        @Override
        public int code() {
            return MULTIPROTOCOL;
        }
    }

    /** Route refresh (RFC 2918). */
    record RouteRefreshSupport() implements Capability {
        public static final RouteRefreshSupport INSTANCE = new RouteRefreshSupport();

        @Override
        public int code() {
            return ROUTE_REFRESH;
        }
    }

    /** Support for 4-octet AS numbers, carrying the speaker's real AS number (RFC 6793). */
    record FourOctetAs(long asNumber) implements Capability {
        public FourOctetAs {
            Wire.requireUnsigned(asNumber, 32, "AS number");
        }

        @Override
        public int code() {
            return FOUR_OCTET_AS;
        }
    }

    /** Any other capability (graceful restart, ADD-PATH, FQDN, ...), passed through untouched. */
    record Unknown(int code, Octets value) implements Capability {
        public Unknown {
            Wire.requireUnsigned(code, 8, "capability code");
            Objects.requireNonNull(value, "value");
            if (value.length() > 255) {
                throw new IllegalArgumentException("a capability value has at most 255 octets");
            }
        }
    }
}
