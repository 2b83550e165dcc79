package io.altokit.core;

import io.altokit.model.AddressType;
import io.altokit.model.IpBits;
import io.altokit.model.TypedAddress;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * An immutable ALTO network map (RFC 7285 section 5): PIDs indexed {@code 0..size()-1} in name
 * order, each owning IPv4 and IPv6 prefixes, with longest-prefix-match lookup from an address to
 * its PID. Every address has a PID because the map always contains both default routes.
 */
public final class NetworkMap {

    private final List<String> pidNames;
    private final PidPrefixes ipv4Prefixes;
    private final PidPrefixes ipv6Prefixes;
    private final Ipv4RangeTable ipv4Table;
    private final Ipv6RangeTable ipv6Table;
    private final String vtag;

    /**
     * @param pidNames sorted, distinct, valid PID names
     * @param ipv4 distinct IPv4 prefixes in address order, starting with 0.0.0.0/0
     * @param ipv6 distinct IPv6 prefixes in address order, starting with ::/0
     */
    NetworkMap(List<String> pidNames, List<Assignment> ipv4, List<Assignment> ipv6) {
        this.pidNames = List.copyOf(pidNames);
        // The families are independent: IPv6's tables are built on another core while IPv4's are here.
        CompletableFuture<PidPrefixes> ipv6Groups = CompletableFuture.supplyAsync(
                () -> new PidPrefixes(AddressFamily.IPV6, pidNames.size(), ipv6));
        CompletableFuture<Ipv6RangeTable> ipv6Ranges = CompletableFuture.supplyAsync(
                () -> new Ipv6RangeTable(AddressRanges.of(ipv6)));
        ipv4Prefixes = new PidPrefixes(AddressFamily.IPV4, pidNames.size(), ipv4);
        ipv4Table = new Ipv4RangeTable(AddressRanges.of(ipv4));
        ipv6Prefixes = ipv6Groups.join();
        ipv6Table = ipv6Ranges.join();
        vtag = hashContent();
    }

    private String hashContent() {
        ContentHash hash = new ContentHash("altokit network map v1").putInt(size());
        for (int pid = 0; pid < size(); pid++) {
            hash.putString(pidNames.get(pid));
            ipv4Prefixes.hashInto(hash, pid);
            ipv6Prefixes.hashInto(hash, pid);
        }
        return hash.tag();
    }

    public int size() {
        return pidNames.size();
    }

    public String pidName(int index) {
        return pidNames.get(index);
    }

    public OptionalInt indexOf(String pidName) {
        int index = Collections.binarySearch(pidNames, pidName);
        return index >= 0 ? OptionalInt.of(index) : OptionalInt.empty();
    }

    /** All PID names; position {@code i} holds PID index {@code i}. */
    public List<String> pidNames() {
        return pidNames;
    }

    /** The PID's prefixes of one family in address order, including any default route given to it. */
    public List<IpPrefix> prefixes(int pidIndex, AddressFamily family) {
        return (family == AddressFamily.IPV4 ? ipv4Prefixes : ipv6Prefixes).of(pidIndex);
    }

    /** One family's prefixes grouped by PID. */
    PidPrefixes prefixTable(AddressFamily family) {
        return family == AddressFamily.IPV4 ? ipv4Prefixes : ipv6Prefixes;
    }

    /** Index of the PID whose prefix is the longest one containing {@code address}. */
    public int lookup(InetAddress address) {
        byte[] bytes = address.getAddress();
        return address instanceof Inet4Address
                ? lookupIpv4((int) (IpBits.high(bytes) >>> 32))
                : lookupIpv6(IpBits.high(bytes), IpBits.low(bytes));
    }

    /** {@link #lookup} for a parsed endpoint address, without creating an {@link InetAddress}. */
    public int lookup(TypedAddress address) {
        return address.type() == AddressType.IPV4
                ? lookupIpv4(address.ipv4Bits())
                : lookupIpv6(address.high(), address.low());
    }

    /** {@link #lookup} for an IPv4 address given as its 32 bits, most significant first. */
    public int lookupIpv4(int address) {
        return ipv4Table.lookup(address);
    }

    /** {@link #lookup} for an IPv6 address given as its first and last 64 bits. */
    public int lookupIpv6(long high, long low) {
        return ipv6Table.lookup(high, low);
    }

    /**
     * The same PIDs with each family's prefixes aggregated losslessly (see {@link PrefixAggregation}):
     * fewer prefixes, the same PID for every address. Its vtag is the hash of the new content.
     */
    public NetworkMap withAggregatedPrefixes() {
        return new NetworkMap(pidNames,
                PrefixAggregation.aggregate(AddressFamily.IPV4, ipv4Prefixes.assignments()),
                PrefixAggregation.aggregate(AddressFamily.IPV6, ipv6Prefixes.assignments()));
    }

    /** Content hash of the PID names and their prefixes: equal maps have equal tags. */
    public String vtag() {
        return vtag;
    }

    @Override
    public String toString() {
        return "NetworkMap[" + size() + " PIDs, vtag " + vtag + "]";
    }
}
