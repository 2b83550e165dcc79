package io.altokit.provision.bgp.message;

import java.util.Objects;

/** NOTIFICATION (RFC 4271 section 4.5): an error code, a subcode and the data the RFC prescribes for it. */
public record Notification(int code, int subcode, Octets data) implements BgpMessage {

    public static final int MESSAGE_HEADER_ERROR = 1;
    public static final int OPEN_MESSAGE_ERROR = 2;
    public static final int UPDATE_MESSAGE_ERROR = 3;
    public static final int HOLD_TIMER_EXPIRED = 4;
    public static final int FSM_ERROR = 5;
    public static final int CEASE = 6;
    /** RFC 7313. */
    public static final int ROUTE_REFRESH_MESSAGE_ERROR = 7;

    // Message Header Error subcodes
    public static final int CONNECTION_NOT_SYNCHRONIZED = 1;
    public static final int BAD_MESSAGE_LENGTH = 2;
    public static final int BAD_MESSAGE_TYPE = 3;

    // OPEN Message Error subcodes
    public static final int UNSUPPORTED_VERSION_NUMBER = 1;
    public static final int BAD_PEER_AS = 2;
    public static final int BAD_BGP_IDENTIFIER = 3;
    public static final int UNSUPPORTED_OPTIONAL_PARAMETER = 4;
    public static final int UNACCEPTABLE_HOLD_TIME = 6;
    /** RFC 5492. */
    public static final int UNSUPPORTED_CAPABILITY = 7;

    // UPDATE Message Error subcodes
    public static final int MALFORMED_ATTRIBUTE_LIST = 1;
    public static final int UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
    public static final int MISSING_WELL_KNOWN_ATTRIBUTE = 3;
    public static final int ATTRIBUTE_FLAGS_ERROR = 4;
    public static final int ATTRIBUTE_LENGTH_ERROR = 5;
    public static final int INVALID_ORIGIN_ATTRIBUTE = 6;
    public static final int INVALID_NEXT_HOP_ATTRIBUTE = 8;
    public static final int OPTIONAL_ATTRIBUTE_ERROR = 9;
    public static final int INVALID_NETWORK_FIELD = 10;
    public static final int MALFORMED_AS_PATH = 11;

    // ROUTE-REFRESH Message Error subcode (RFC 7313)
    public static final int INVALID_MESSAGE_LENGTH = 1;

    public Notification {
        Wire.requireUnsigned(code, 8, "error code");
        Wire.requireUnsigned(subcode, 8, "error subcode");
        Objects.requireNonNull(data, "data");
    }

    public static Notification of(int code, int subcode) {
        return new Notification(code, subcode, Octets.EMPTY);
    }

    @Override
    public int type() {
        return NOTIFICATION;
    }

    /** The code's name from RFC 4271 section 4.5, for logs. */
    public String codeName() {
        return switch (code) {
            case MESSAGE_HEADER_ERROR -> "Message Header Error";
            case OPEN_MESSAGE_ERROR -> "OPEN Message Error";
            case UPDATE_MESSAGE_ERROR -> "UPDATE Message Error";
            case HOLD_TIMER_EXPIRED -> "Hold Timer Expired";
            case FSM_ERROR -> "Finite State Machine Error";
            case CEASE -> "Cease";
            case ROUTE_REFRESH_MESSAGE_ERROR -> "ROUTE-REFRESH Message Error";
            default -> "error code " + code;
        };
    }

    @Override
    public String toString() {
        return "Notification[" + codeName() + " (" + code + "), subcode " + subcode
                + (data.length() == 0 ? "" : ", data " + data) + "]";
    }
}
