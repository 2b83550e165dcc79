package io.altokit.tracker;

import io.altokit.model.AddressText;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An upstream tracker's announce answer, read so that its peer list can be put in another order:
 * compact IPv4 {@code peers} (BEP 23, 6 bytes each), compact IPv6 {@code peers6} (BEP 7, 18 bytes
 * each) or a list of {@code {ip, port, peer id}} dictionaries (BEP 3). Every other key is kept as
 * the tracker sent it. Dictionary peers named by host name rather than address cannot be ranked;
 * they stay, after the ranked ones.
 */
final class AnnounceAnswer {
    private final Map<String, Object> dictionary;
    /** The peers with an address, in the tracker's order; the value is the dictionary entry, if any. */
    private final LinkedHashMap<InetSocketAddress, Optional<Object>> peers;
    private final List<Object> unaddressed;
    private final int dropped;

    private AnnounceAnswer(Map<String, Object> dictionary, LinkedHashMap<InetSocketAddress, Optional<Object>> peers,
                           List<Object> unaddressed, int dropped) {
        this.dictionary = dictionary;
        this.peers = peers;
        this.unaddressed = unaddressed;
        this.dropped = dropped;
    }

    /**
     * @param maxPeers peers kept, the first ones the tracker listed (the rest are dropped)
     * @throws BadRequestException when the body is not a bencoded dictionary or its peer lists are malformed
     */
    static AnnounceAnswer parse(byte[] body, int maxPeers) throws BadRequestException {
        Object decoded;
        try {
            decoded = Bencode.decode(body);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("the upstream tracker's answer is not bencoded: " + e.getMessage());
        }
        if (!(decoded instanceof Map<?, ?> map)) {
            throw new BadRequestException("the upstream tracker's answer is not a bencoded dictionary");
        }
        @SuppressWarnings("unchecked") // Bencode decodes dictionaries with String keys
        Map<String, Object> dictionary = new TreeMap<>((Map<String, Object>) map);
        LinkedHashMap<InetSocketAddress, Optional<Object>> peers = new LinkedHashMap<>();
        List<Object> unaddressed = new ArrayList<>();
        int[] dropped = {0};
        PeerSink sink = (endpoint, entry) -> {
            if (peers.size() + unaddressed.size() >= maxPeers) {
                dropped[0]++;
            } else if (endpoint.isEmpty()) {
                unaddressed.add(entry.orElseThrow());
            } else {
                peers.putIfAbsent(endpoint.get(), entry);
            }
        };
        switch (dictionary.get("peers")) {
            case null -> { }
            case byte[] compact -> compact(compact, 4, "peers", sink);
            case List<?> list -> dictionaries(list, sink);
            default -> throw new BadRequestException("the upstream tracker's peers are neither a string nor a list");
        }
        switch (dictionary.get("peers6")) {
            case null -> { }
            case byte[] compact -> compact(compact, 16, "peers6", sink);
            default -> throw new BadRequestException("the upstream tracker's peers6 is not a string");
        }
        return new AnnounceAnswer(dictionary, peers, unaddressed, dropped[0]);
    }

    private interface PeerSink {
        void accept(Optional<InetSocketAddress> endpoint, Optional<Object> entry);
    }

    private static void compact(byte[] bytes, int addressLength, String key, PeerSink sink) throws BadRequestException {
        int entry = addressLength + 2;
        if (bytes.length % entry != 0) {
            throw new BadRequestException("the upstream tracker's " + key + " is " + bytes.length + " bytes, not a multiple of " + entry);
        }
        for (int at = 0; at < bytes.length; at += entry) {
            byte[] address = Arrays.copyOfRange(bytes, at, at + addressLength);
            int port = (bytes[at + addressLength] & 0xff) << 8 | bytes[at + addressLength + 1] & 0xff;
            sink.accept(Optional.of(new InetSocketAddress(inet(address), port)), Optional.empty());
        }
    }

    private static void dictionaries(List<?> list, PeerSink sink) throws BadRequestException {
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> peer && peer.get("ip") instanceof byte[] ip && peer.get("port") instanceof Long port
                    && port >= 0 && port <= 0xffff)) {
                throw new BadRequestException("the upstream tracker listed a peer without ip and port");
            }
            sink.accept(literal(new String(ip, StandardCharsets.UTF_8)).map(address -> new InetSocketAddress(address, port.intValue())),
                    Optional.of(item));
        }
    }

    /** The address an {@code ip} field names when it is a literal; empty for a host name, which is not resolved. */
    private static Optional<InetAddress> literal(String text) {
        try {
            return Optional.of(inet(AddressText.parse(text)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static InetAddress inet(byte[] address) {
        try {
            return InetAddress.getByAddress(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // 4 or 16 bytes, always an address
        }
    }

    /** The peers to rank, each endpoint once, in the tracker's order. */
    List<InetSocketAddress> endpoints() {
        return List.copyOf(peers.keySet());
    }

    /** Peers left out because the tracker listed more than the bound. */
    int dropped() {
        return dropped;
    }

    /**
     * The answer with its peers in {@code order} (a permutation of {@link #endpoints()}), each list in
     * the form the tracker used; unaddressed peers last.
     */
    byte[] inOrder(List<InetSocketAddress> order) {
        Map<String, Object> out = new HashMap<>(dictionary);
        if (dictionary.get("peers") instanceof List<?>) {
            List<Object> entries = new ArrayList<>(order.size() + unaddressed.size());
            order.stream().map(peers::get).flatMap(Optional::stream).forEach(entries::add);
            entries.addAll(unaddressed);
            out.put("peers", entries);
        } else {
            putCompact(out, "peers", compact(order, 4));
        }
        putCompact(out, "peers6", compact(order, 16));
        return Bencode.encode(out);
    }

    /** Sets a compact list when the tracker sent one or it has peers (an IPv4-mapped peers6 entry moves to peers). */
    private void putCompact(Map<String, Object> out, String key, byte[] compact) {
        if (dictionary.containsKey(key) || compact.length > 0) {
            out.put(key, compact);
        }
    }

    /** The compact peers of one family, in {@code order}, leaving out dictionary peers. */
    private byte[] compact(List<InetSocketAddress> order, int addressLength) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (InetSocketAddress endpoint : order) {
            byte[] address = endpoint.getAddress().getAddress();
            if (address.length == addressLength && peers.get(endpoint).isEmpty()) {
                out.writeBytes(address);
                out.write(endpoint.getPort() >>> 8);
                out.write(endpoint.getPort());
            }
        }
        return out.toByteArray();
    }
}
