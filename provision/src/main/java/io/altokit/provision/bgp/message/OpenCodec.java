package io.altokit.provision.bgp.message;

import java.util.ArrayList;
import java.util.List;

/** OPEN bodies (RFC 4271 section 4.2) and their capabilities optional parameter (RFC 5492). */
final class OpenCodec {

    private static final int CAPABILITIES_PARAMETER = 2;

    private OpenCodec() {}

    static Open decode(byte[] b, int from, int to) throws Malformed {
        int version = b[from] & 0xFF;
        if (version != Open.VERSION) {
            throw new Malformed(new Notification(Notification.OPEN_MESSAGE_ERROR, Notification.UNSUPPORTED_VERSION_NUMBER,
                    Octets.of((byte) 0, (byte) Open.VERSION)), "BGP version " + version + "; only 4 is supported");
        }
        int myAs = Wire.u16(b, from + 1);
        int holdTime = Wire.u16(b, from + 3);
        if (holdTime == 1 || holdTime == 2) {
            throw Malformed.open(Notification.UNACCEPTABLE_HOLD_TIME, "hold time " + holdTime + " is neither 0 nor at least 3");
        }
        long identifier = Wire.u32(b, from + 5);
        if (identifier == 0) {
            // RFC 6286 section 2.1
            throw Malformed.open(Notification.BAD_BGP_IDENTIFIER, "BGP identifier 0");
        }
        int parametersLength = b[from + 9] & 0xFF;
        int at = from + 10;
        if (at + parametersLength != to) {
            throw Malformed.open(0, "Optional Parameters Length " + parametersLength + " disagrees with the "
                    + (to - at) + " octets that follow");
        }
        List<Capability> capabilities = new ArrayList<>();
        while (at < to) {
            if (to - at < 2) {
                throw Malformed.open(0, "a truncated optional parameter");
            }
            int type = b[at] & 0xFF;
            int length = b[at + 1] & 0xFF;
            int end = at + 2 + length;
            if (end > to) {
                throw Malformed.open(0, "optional parameter " + type + " of " + length + " octets overruns the OPEN");
            }
            if (type != CAPABILITIES_PARAMETER) {
                throw Malformed.open(Notification.UNSUPPORTED_OPTIONAL_PARAMETER, "optional parameter type " + type);
            }
            capabilities(b, at + 2, end, capabilities);
            at = end;
        }
        return new Open(version, myAs, holdTime, identifier, capabilities);
    }

    private static void capabilities(byte[] b, int from, int to, List<Capability> out) throws Malformed {
        int at = from;
        while (at < to) {
            if (to - at < 2) {
                throw Malformed.open(0, "a truncated capability");
            }
            int code = b[at] & 0xFF;
            int length = b[at + 1] & 0xFF;
            int value = at + 2;
            if (value + length > to) {
                throw Malformed.open(0, "capability " + code + " of " + length + " octets overruns its parameter");
            }
            out.add(switch (code) {
                case Capability.MULTIPROTOCOL -> {
                    requireLength(code, length, 4);
                    yield new Capability.Multiprotocol(Wire.u16(b, value), b[value + 3] & 0xFF);
                }
                case Capability.ROUTE_REFRESH -> {
                    requireLength(code, length, 0);
                    yield Capability.RouteRefreshSupport.INSTANCE;
                }
                case Capability.FOUR_OCTET_AS -> {
                    requireLength(code, length, 4);
                    yield new Capability.FourOctetAs(Wire.u32(b, value));
                }
                default -> new Capability.Unknown(code, Octets.copyOf(b, value, value + length));
            });
            at = value + length;
        }
    }

    private static void requireLength(int code, int length, int expected) throws Malformed {
        if (length != expected) {
            throw Malformed.open(0, "capability " + code + " has length " + length + ", not " + expected);
        }
    }

    static void encode(Open open, WireWriter out) {
        out.u8(open.version()).u16(open.myAutonomousSystem()).u16(open.holdTime()).u32(open.bgpIdentifier());
        int lengthAt = out.position();
        out.u8(0);
        if (!open.capabilities().isEmpty()) {
            // one parameter holding all capabilities, as BIRD, FRR and GoBGP send it
            out.u8(CAPABILITIES_PARAMETER);
            int parameterAt = out.position();
            out.u8(0);
            for (Capability capability : open.capabilities()) {
                out.u8(capability.code());
                switch (capability) {
                    case Capability.Multiprotocol mp -> out.u8(4).u16(mp.afi()).u8(0).u8(mp.safi());
                    case Capability.RouteRefreshSupport ignored -> out.u8(0);
                    case Capability.FourOctetAs four -> out.u8(4).u32(four.asNumber());
                    case Capability.Unknown unknown -> out.u8(unknown.value().length()).octets(unknown.value());
                }
            }
            int parameterLength = out.position() - parameterAt - 1;
            if (parameterLength > 255) {
                throw new IllegalArgumentException("capabilities take " + parameterLength + " octets; an OPEN parameter holds 255");
            }
            out.patchU8(parameterAt, parameterLength);
        }
        out.patchU8(lengthAt, out.position() - lengthAt - 1);
    }
}
