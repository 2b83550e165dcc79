package io.altokit.provision.bgp.message;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The path attributes of an UPDATE or a RIB entry. AS_PATH is always in 4-octet form: on a 2-octet
 * session the decoder has already merged AS4_PATH into it (RFC 6793 section 4.2.3) and the encoder
 * splits it again. {@code mpNextHop} is MP_REACH_NLRI's next hop (global address first, then an IPv6
 * link-local one if sent); {@code others} holds attributes carried opaquely, ordered by type.
 */
public record PathAttributes(
        Optional<Origin> origin,
        Optional<AsPath> asPath,
        Optional<Inet4Address> nextHop,
        List<InetAddress> mpNextHop,
        OptionalLong multiExitDisc,
        OptionalLong localPref,
        List<Community> communities,
        List<LargeCommunity> largeCommunities,
        List<RawAttribute> others) {

    public static final PathAttributes EMPTY = builder().build();

    public PathAttributes {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(asPath, "asPath");
        Objects.requireNonNull(nextHop, "nextHop");
        Objects.requireNonNull(multiExitDisc, "multiExitDisc");
        Objects.requireNonNull(localPref, "localPref");
        multiExitDisc.ifPresent(v -> Wire.requireUnsigned(v, 32, "MULTI_EXIT_DISC"));
        localPref.ifPresent(v -> Wire.requireUnsigned(v, 32, "LOCAL_PREF"));
        mpNextHop = List.copyOf(mpNextHop);
        communities = List.copyOf(communities);
        largeCommunities = List.copyOf(largeCommunities);
        others = List.copyOf(others);
    }

    /** The rightmost AS of the path when it ends in an AS_SEQUENCE; see {@link AsPath#originAs()}. */
    public OptionalLong originAs() {
        return asPath.isPresent() ? asPath.get().originAs() : OptionalLong.empty();
    }

    /** The leftmost AS of the path; see {@link AsPath#neighborAs()}. */
    public OptionalLong neighborAs() {
        return asPath.isPresent() ? asPath.get().neighborAs() : OptionalLong.empty();
    }

    /** The opaque attribute of this type, if carried. */
    public Optional<RawAttribute> other(int type) {
        return others.stream().filter(a -> a.type() == type).findFirst();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.origin = origin.orElse(null);
        builder.asPath = asPath.orElse(null);
        builder.nextHop = nextHop.orElse(null);
        builder.mpNextHop = mpNextHop;
        builder.multiExitDisc = multiExitDisc;
        builder.localPref = localPref;
        builder.communities = communities;
        builder.largeCommunities = largeCommunities;
        builder.others = new ArrayList<>(others);
        return builder;
    }

    /** Mutable assembly for tests, the decoder and whoever builds UPDATEs to send. */
    public static final class Builder {
        private Origin origin;
        private AsPath asPath;
        private Inet4Address nextHop;
        private List<InetAddress> mpNextHop = List.of();
        private OptionalLong multiExitDisc = OptionalLong.empty();
        private OptionalLong localPref = OptionalLong.empty();
        private List<Community> communities = List.of();
        private List<LargeCommunity> largeCommunities = List.of();
        private List<RawAttribute> others = new ArrayList<>();

        private Builder() {}

        public Builder origin(Origin value) {
            origin = value;
            return this;
        }

        public Builder asPath(AsPath value) {
            asPath = value;
            return this;
        }

        public Builder nextHop(Inet4Address value) {
            nextHop = value;
            return this;
        }

        public Builder mpNextHop(List<InetAddress> value) {
            mpNextHop = value;
            return this;
        }

        public Builder multiExitDisc(long value) {
            multiExitDisc = OptionalLong.of(value);
            return this;
        }

        public Builder localPref(long value) {
            localPref = OptionalLong.of(value);
            return this;
        }

        public Builder communities(List<Community> value) {
            communities = value;
            return this;
        }

        public Builder largeCommunities(List<LargeCommunity> value) {
            largeCommunities = value;
            return this;
        }

        /** Adds an opaque attribute, keeping {@code others} ordered by type. */
        public Builder other(RawAttribute attribute) {
            int at = 0;
            while (at < others.size() && others.get(at).type() <= attribute.type()) {
                at++;
            }
            others.add(at, attribute);
            return this;
        }

        public PathAttributes build() {
            return new PathAttributes(Optional.ofNullable(origin), Optional.ofNullable(asPath), Optional.ofNullable(nextHop),
                    mpNextHop, multiExitDisc, localPref, communities, largeCommunities, others);
        }
    }
}
