package io.altokit.tracker;

import io.altokit.model.AddressText;
import io.altokit.model.IpBits;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One announce (BEP 3), validated: a peer telling the tracker where it listens and how far its
 * download is, and asking for peers.
 *
 * @param ip       the address the peer asked to be listed at ({@code ip}), when given
 * @param numwant  how many peers it wants, already capped by the tracker's limit
 * @param compact  whether it takes compact peer lists (BEP 23); the default
 * @param noPeerId whether non-compact lists may leave out peer ids
 */
public record Announce(Id20 infoHash, Id20 peerId, int port, long uploaded, long downloaded, long left,
                       Event event, int numwant, boolean compact, boolean noPeerId, Optional<InetAddress> ip) {

    /** What happened since the last announce. */
    public enum Event { NONE, STARTED, COMPLETED, STOPPED }

    public Announce {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(ip, "ip");
    }

    /** A peer with nothing left to download. */
    public boolean seeder() {
        return left == 0;
    }

    /**
     * @param defaultNumwant peers sent when the request does not say
     * @param maxNumwant     the most peers sent, whatever the request says
     * @throws BadRequestException naming the missing, repeated or malformed parameter
     */
    public static Announce parse(QueryString query, int defaultNumwant, int maxNumwant) throws BadRequestException {
        int port = (int) number(query, "port", 0, 65_535, Optional.empty());
        if (port == 0) {
            throw new BadRequestException("port must be 1 to 65535");
        }
        long numwant = number(query, "numwant", 0, Long.MAX_VALUE, Optional.of((long) defaultNumwant));
        return new Announce(id(query, "info_hash"), id(query, "peer_id"), port,
                number(query, "uploaded", 0, Long.MAX_VALUE, Optional.of(0L)),
                number(query, "downloaded", 0, Long.MAX_VALUE, Optional.of(0L)),
                number(query, "left", 0, Long.MAX_VALUE, Optional.empty()),
                event(query), (int) Math.min(numwant, maxNumwant),
                !"0".equals(text(query, "compact").orElse("1")),
                "1".equals(text(query, "no_peer_id").orElse("0")),
                address(query));
    }

    static Id20 id(QueryString query, String name) throws BadRequestException {
        byte[] value = query.single(name).orElseThrow(() -> new BadRequestException("missing parameter " + name));
        if (value.length != Id20.LENGTH) {
            throw new BadRequestException(name + " must be 20 bytes, got " + value.length);
        }
        return Id20.of(value);
    }

    private static long number(QueryString query, String name, long min, long max, Optional<Long> absent)
            throws BadRequestException {
        Optional<String> text = text(query, name);
        if (text.isEmpty()) {
            return absent.orElseThrow(() -> new BadRequestException("missing parameter " + name));
        }
        String digits = text.get();
        if (digits.isEmpty() || digits.length() > 19 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadRequestException(name + " is not a number: \"" + QueryString.printable(digits) + "\"");
        }
        long value = Long.parseLong(digits);
        if (value < min || value > max) {
            throw new BadRequestException(name + " must be " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    private static Event event(QueryString query) throws BadRequestException {
        String event = text(query, "event").orElse("");
        return switch (event) {
            case "", "empty" -> Event.NONE;
            case "started" -> Event.STARTED;
            case "completed" -> Event.COMPLETED;
            case "stopped" -> Event.STOPPED;
            default -> throw new BadRequestException("unknown event \"" + QueryString.printable(event) + "\"");
        };
    }

    private static Optional<InetAddress> address(QueryString query) throws BadRequestException {
        Optional<String> ip = text(query, "ip");
        if (ip.isEmpty()) {
            return Optional.empty();
        }
        try {
            // An IP literal only: a host name would make the tracker resolve names on the request path.
            return Optional.of(IpBits.toInetAddress(AddressText.parse(ip.get())));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("ip is not an IP address: \"" + QueryString.printable(ip.get()) + "\"");
        }
    }

    private static Optional<String> text(QueryString query, String name) throws BadRequestException {
        return query.single(name).map(value -> new String(value, StandardCharsets.ISO_8859_1));
    }
}
