package io.altokit.provision.bgp.message;

import java.util.Objects;
import java.util.Optional;

/**
 * Whole BGP-4 messages to and from bytes for one session's negotiated {@link SessionOptions}. The
 * session reads the 19-octet header, asks {@link #checkHeader} whether to go on, reads {@link
 * #messageLength} octets in all and hands them to {@link #decode}. Decoding never throws and never
 * allocates more than the input's size warrants.
 */
public final class BgpCodec {

    public static final int HEADER_LENGTH = 19;
    private static final int MARKER_LENGTH = 16;

    private final SessionOptions options;

    public BgpCodec(SessionOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public SessionOptions options() {
        return options;
    }

    /** The header's Length field: the whole message's size, header included. */
    public static int messageLength(byte[] header, int offset) {
        Objects.checkFromIndexSize(offset, HEADER_LENGTH, header.length);
        return Wire.u16(header, offset + MARKER_LENGTH);
    }

    /**
     * Checks the 19 header octets at {@code offset} (RFC 4271 section 6.1): marker all ones, length
     * within 19..max and at least the type's minimum, known type. Empty when the body may be read.
     */
    public Optional<DecodeResult.Failure> checkHeader(byte[] header, int offset) {
        Objects.checkFromIndexSize(offset, HEADER_LENGTH, header.length);
        for (int i = offset; i < offset + MARKER_LENGTH; i++) {
            if (header[i] != (byte) 0xFF) {
                return Optional.of(headerError(Notification.CONNECTION_NOT_SYNCHRONIZED, Octets.EMPTY,
                        "the marker is not all ones"));
            }
        }
        int length = Wire.u16(header, offset + MARKER_LENGTH);
        int type = header[offset + 18] & 0xFF;
        Octets lengthField = Octets.copyOf(header, offset + MARKER_LENGTH, offset + 18);
        if (length < HEADER_LENGTH || length > options.maxMessageLength()) {
            return Optional.of(headerError(Notification.BAD_MESSAGE_LENGTH, lengthField,
                    "length " + length + " is outside " + HEADER_LENGTH + ".." + options.maxMessageLength()));
        }
        int minimum = switch (type) {
            case BgpMessage.OPEN -> 29;
            case BgpMessage.UPDATE -> 23;
            case BgpMessage.NOTIFICATION -> 21;
            case BgpMessage.KEEPALIVE, BgpMessage.ROUTE_REFRESH -> HEADER_LENGTH;
            default -> -1;
        };
        if (minimum < 0) {
            return Optional.of(headerError(Notification.BAD_MESSAGE_TYPE, Octets.of((byte) type), "unknown message type " + type));
        }
        if (length < minimum || type == BgpMessage.KEEPALIVE && length != HEADER_LENGTH) {
            return Optional.of(headerError(Notification.BAD_MESSAGE_LENGTH, lengthField,
                    "length " + length + " is wrong for message type " + type));
        }
        return Optional.empty();
    }

    public DecodeResult decode(byte[] message) {
        return decode(message, 0, message.length);
    }

    /** Decodes the one message in {@code [offset, offset + length)}, header included. */
    public DecodeResult decode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length < HEADER_LENGTH) {
            return headerError(Notification.BAD_MESSAGE_LENGTH, Octets.of((byte) (length >>> 8), (byte) length),
                    "a message of " + length + " octets is shorter than the header");
        }
        Optional<DecodeResult.Failure> headerFailure = checkHeader(bytes, offset);
        if (headerFailure.isPresent()) {
            return headerFailure.get();
        }
        int declared = Wire.u16(bytes, offset + MARKER_LENGTH);
        if (declared != length) {
            return headerError(Notification.BAD_MESSAGE_LENGTH, Octets.copyOf(bytes, offset + MARKER_LENGTH, offset + 18),
                    "the header says " + declared + " octets, " + length + " were given");
        }
        int type = bytes[offset + 18] & 0xFF;
        int from = offset + HEADER_LENGTH;
        int to = offset + length;
        try {
            return new DecodeResult.Success(switch (type) {
                case BgpMessage.OPEN -> OpenCodec.decode(bytes, from, to);
                case BgpMessage.UPDATE -> UpdateDecoder.decode(bytes, from, to, options.fourOctetAs());
                case BgpMessage.NOTIFICATION -> new Notification(bytes[from] & 0xFF, bytes[from + 1] & 0xFF,
                        Octets.copyOf(bytes, from + 2, to));
                case BgpMessage.KEEPALIVE -> Keepalive.INSTANCE;
                default -> routeRefresh(bytes, offset, length);
            });
        } catch (Malformed e) {
            return new DecodeResult.Failure(e.notification, e.getMessage());
        } catch (RuntimeException e) {
            // A decoder bug must not take the session's thread down; the fuzz tests keep this path unused.
            return new DecodeResult.Failure(Notification.of(type == BgpMessage.OPEN ? Notification.OPEN_MESSAGE_ERROR
                    : Notification.UPDATE_MESSAGE_ERROR, 0), "internal decoder error: " + e);
        }
    }

    /** RFC 7313 section 5: a ROUTE-REFRESH of the wrong length is answered with the whole message. */
    private static RouteRefresh routeRefresh(byte[] bytes, int offset, int length) throws Malformed {
        if (length != HEADER_LENGTH + 4) {
            throw new Malformed(new Notification(Notification.ROUTE_REFRESH_MESSAGE_ERROR, Notification.INVALID_MESSAGE_LENGTH,
                    Octets.copyOf(bytes, offset, offset + length)), "ROUTE-REFRESH of " + length + " octets, not 23");
        }
        int from = offset + HEADER_LENGTH;
        return new RouteRefresh(Wire.u16(bytes, from), bytes[from + 2] & 0xFF, bytes[from + 3] & 0xFF);
    }

    /**
     * The message with its header.
     *
     * @throws IllegalArgumentException if it exceeds the session's maximum message length (an UPDATE
     *     with too many prefixes must be split by the caller)
     */
    public byte[] encode(BgpMessage message) {
        WireWriter out = new WireWriter();
        for (int i = 0; i < MARKER_LENGTH; i++) {
            out.u8(0xFF);
        }
        out.u16(0).u8(message.type());
        switch (message) {
            case Open open -> OpenCodec.encode(open, out);
            case Update update -> UpdateEncoder.encode(update, options.fourOctetAs(), out);
            case Notification notification -> out.u8(notification.code()).u8(notification.subcode()).octets(notification.data());
            case Keepalive ignored -> { }
            case RouteRefresh refresh -> out.u16(refresh.afi()).u8(refresh.subtype()).u8(refresh.safi());
        }
        int length = out.position();
        if (length > options.maxMessageLength()) {
            throw new IllegalArgumentException("the message takes " + length + " octets; the session allows "
                    + options.maxMessageLength());
        }
        out.patchU16(MARKER_LENGTH, length);
        return out.toByteArray();
    }

    private static DecodeResult.Failure headerError(int subcode, Octets data, String reason) {
        return new DecodeResult.Failure(new Notification(Notification.MESSAGE_HEADER_ERROR, subcode, data), reason);
    }
}
