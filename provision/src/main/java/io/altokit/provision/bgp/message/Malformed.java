package io.altokit.provision.bgp.message;

/**
 * Thrown inside the decoders when a message must be answered with a NOTIFICATION; caught at the
 * codec's boundary and turned into a {@link DecodeResult.Failure}. Stackless: it is control flow.
 */
final class Malformed extends Exception {

    final transient Notification notification;

    Malformed(Notification notification, String reason) {
        super(reason, null, false, false);
        this.notification = notification;
    }

    static Malformed update(int subcode, Octets data, String reason) {
        return new Malformed(new Notification(Notification.UPDATE_MESSAGE_ERROR, subcode, data), reason);
    }

    static Malformed open(int subcode, String reason) {
        return new Malformed(Notification.of(Notification.OPEN_MESSAGE_ERROR, subcode), reason);
    }
}
