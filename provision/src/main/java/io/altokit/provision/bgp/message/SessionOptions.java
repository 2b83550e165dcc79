package io.altokit.provision.bgp.message;

/**
 * What the OPEN exchange negotiated that changes the wire format: 4-octet AS numbers (RFC 6793: both
 * sides sent the capability) and extended messages up to 65535 octets (RFC 8654).
 */
public record SessionOptions(boolean fourOctetAs, boolean extendedMessages) {

    /** Before the OPEN exchange, or with a peer that sent no capabilities. */
    public static final SessionOptions DEFAULT = new SessionOptions(false, false);
    public static final SessionOptions FOUR_OCTET_AS = new SessionOptions(true, false);

    public static final int MAX_MESSAGE_LENGTH = 4096;
    public static final int MAX_EXTENDED_MESSAGE_LENGTH = 65535;

    public int maxMessageLength() {
        return extendedMessages ? MAX_EXTENDED_MESSAGE_LENGTH : MAX_MESSAGE_LENGTH;
    }

    /** The options both sides' OPENs agree on. */
    public static SessionOptions negotiated(Open local, Open remote) {
        Capability extended = new Capability.Unknown(Capability.EXTENDED_MESSAGE, Octets.EMPTY);
        return new SessionOptions(local.supportsFourOctetAs() && remote.supportsFourOctetAs(),
                local.has(extended) && remote.has(extended));
    }
}
