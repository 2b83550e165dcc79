package io.altokit.provision.bgp.message;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;

import java.util.ArrayList;
import java.util.List;

import static io.altokit.provision.bgp.message.UpdateProblem.Action.TREAT_AS_WITHDRAW;

/** Decodes an UPDATE body (RFC 4271 section 4.3) with the error handling of RFC 7606. */
final class UpdateDecoder {

    private UpdateDecoder() {}

    /** The body is {@code [from, to)}: everything after the 19-octet header, at least 4 octets (the header check saw to that). */
    static Update decode(byte[] b, int from, int to, boolean fourOctetAs) throws Malformed {
        int withdrawnLength = Wire.u16(b, from);
        int withdrawnEnd = from + 2 + withdrawnLength;
        if (withdrawnEnd + 2 > to) {
            throw Malformed.update(Notification.MALFORMED_ATTRIBUTE_LIST, Octets.EMPTY,
                    "Withdrawn Routes Length " + withdrawnLength + " overruns the message");
        }
        int attributesLength = Wire.u16(b, withdrawnEnd);
        int attributesEnd = withdrawnEnd + 2 + attributesLength;
        if (attributesEnd > to) {
            throw Malformed.update(Notification.MALFORMED_ATTRIBUTE_LIST, Octets.EMPTY,
                    "Total Path Attribute Length " + attributesLength + " overruns the message");
        }
        List<PrefixKey> withdrawn = new ArrayList<>();
        List<PrefixKey> announced = new ArrayList<>();
        nlriField(b, from + 2, withdrawnEnd, withdrawn, "Withdrawn Routes");

        AttributeDecoder attributes = AttributeDecoder.forUpdate(b, fourOctetAs, announced, withdrawn);
        attributes.decode(withdrawnEnd + 2, attributesEnd);
        int reachedByMp = announced.size();
        nlriField(b, attributesEnd, to, announced, "NLRI");
        boolean ipv4Nlri = announced.size() > reachedByMp;

        if (attributes.overrun() && !attributes.has(Attributes.MP_REACH_NLRI) && !ipv4Nlri) {
            // RFC 7606 section 4: treat-as-withdraw needs the routes; none could be located
            throw Malformed.update(Notification.MALFORMED_ATTRIBUTE_LIST, Octets.EMPTY,
                    "the attribute list is malformed and no announced route can be located: " + attributes.problems());
        }
        if (!announced.isEmpty()) {
            // RFC 7606 section 3 d; RFC 4760 makes NEXT_HOP mandatory only with IPv4 NLRI in the NLRI field
            requirePresent(attributes, Attributes.ORIGIN);
            requirePresent(attributes, Attributes.AS_PATH);
            if (ipv4Nlri) {
                requirePresent(attributes, Attributes.NEXT_HOP);
            }
        }
        PathAttributes decoded = attributes.build();
        List<UpdateProblem> problems = attributes.problems();
        if (problems.stream().anyMatch(p -> p.action() == TREAT_AS_WITHDRAW)) {
            withdrawn.addAll(announced);
            announced.clear();
        }
        return new Update(withdrawn, announced, decoded, problems);
    }

    private static void nlriField(byte[] b, int from, int to, List<PrefixKey> out, String field) throws Malformed {
        String error = Nlri.read(b, from, to, AddressFamily.IPV4, out);
        if (error != null) {
            // RFC 7606 section 5.3: a malformed NLRI or Withdrawn Routes field resets the session
            throw Malformed.update(Notification.INVALID_NETWORK_FIELD, Octets.EMPTY, field + ": " + error);
        }
    }

    private static void requirePresent(AttributeDecoder attributes, int type) {
        if (!attributes.has(type)) {
            attributes.problem(TREAT_AS_WITHDRAW, type, "missing well-known mandatory attribute");
        }
    }
}
