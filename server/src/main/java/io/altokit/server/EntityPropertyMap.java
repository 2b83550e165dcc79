package io.altokit.server;

import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.core.NetworkMap;
import io.altokit.core.PidProperties;
import io.altokit.core.PrefixHierarchy;
import io.altokit.model.AddressText;
import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.EntityPropertyNames;
import io.altokit.model.PidNames;
import io.altokit.model.PropertyMapResponse;
import io.altokit.model.VersionTag;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * The entity properties of one snapshot, as the property map resources give them (RFC 9240):
 * <ul>
 *   <li>the {@code ipv4} and {@code ipv6} domains (section 6.1, 6.2): an address's or prefix's PID,
 *       {@code <network-map>.pid} (RFC 7285's endpoint property, which RFC 9240 extends to entities), and the
 *       properties the operator gave that PID, self-defined ({@code .priv:area}); RFC 9240 6.4 lets a
 *       server give a PID's properties to its prefixes. Prefixes inherit along the map's prefixes by
 *       longest match (section 6.3);
 *   <li>the network map's {@code pid} domain ({@code <network-map>.pid}, section 6.4): each PID's own
 *       properties, without hierarchy.
 * </ul>
 * Every domain depends on the network map alone, so every answer carries its vtag.
 */
final class EntityPropertyMap {
    private static final String IPV4 = "ipv4";
    private static final String IPV6 = "ipv6";

    /** An entity of a request, parsed by its domain. */
    sealed interface Entity {
        /** An address or prefix of the {@code ipv4} or {@code ipv6} domain; an address is its full-length prefix. */
        record Address(IpPrefix prefix) implements Entity {
        }

        /** A PID of the network map's {@code pid} domain. */
        record Pid(String name) implements Entity {
        }
    }

    private final NetworkMap networkMap;
    private final PidProperties pidProperties;
    private final VersionTag networkMapVtag;
    private final String pidDomain;
    private final String pidProperty;
    private final Map<String, List<String>> mappings = new LinkedHashMap<>();
    private final Set<String> properties = new LinkedHashSet<>();
    private final Map<AddressFamily, PrefixHierarchy> hierarchies = new EnumMap<>(AddressFamily.class);

    /** @param networkMapVtag the network map's id and version, which every answer depends on */
    EntityPropertyMap(VersionTag networkMapVtag, NetworkMap networkMap, PidProperties pidProperties) {
        this.networkMap = networkMap;
        this.pidProperties = pidProperties;
        this.networkMapVtag = networkMapVtag;
        String networkMapId = networkMapVtag.resourceId();
        this.pidDomain = networkMapId + ".pid";
        this.pidProperty = EntityPropertyNames.resourceSpecific(networkMapId, "pid");
        List<String> own = pidProperties.types().stream().map(EntityPropertyNames::selfDefined).toList();
        List<String> addressProperties = new ArrayList<>();
        addressProperties.add(pidProperty);
        addressProperties.addAll(own);
        mappings.put(IPV4, addressProperties);
        mappings.put(IPV6, addressProperties);
        if (!own.isEmpty()) {
            mappings.put(pidDomain, own);
        }
        mappings.values().forEach(properties::addAll);
    }

    /** RFC 9240 7.4: by entity domain name, the property names its entities have. */
    Map<String, List<String>> mappings() {
        return Collections.unmodifiableMap(mappings);
    }

    List<VersionTag> dependentVtags() {
        return List.of(networkMapVtag);
    }

    /** RFC 9240 7.6: every entity with properties, those it would inherit left out. */
    PropertyMapResponse full() {
        Map<String, Map<String, Optional<String>>> out = new LinkedHashMap<>();
        for (IpPrefix root : List.of(IpPrefix.parse("0.0.0.0/0"), IpPrefix.parse("::/0"))) {
            addAddress(entityId(root), root, mappings.get(domainOf(root)), out);
        }
        for (String pid : pidProperties.pids()) {
            addPid(pidDomain + ":" + pid, pid, mappings.getOrDefault(pidDomain, List.of()), out);
        }
        return new PropertyMapResponse(dependentVtags(), out);
    }

    /**
     * RFC 9240 8.6: the properties asked of the entities asked. An address or prefix gets every value
     * it inherits; a prefix also brings the map prefixes inside it whose values differ, each with the
     * values that differ from the entry containing it (null where it has none). A property the entity's
     * domain does not have is left out, as is an entity with no value of those asked.
     *
     * @throws AltoException E_INVALID_FIELD_VALUE for a property the resource does not give, an entity
     *     of a domain it does not have, or an identifier that is not one of its domain's
     */
    PropertyMapResponse filtered(List<String> entities, List<String> asked) {
        asked.stream().filter(property -> !properties.contains(property)).findFirst().ifPresent(property -> {
            throw new AltoException(AltoError.invalidValue("properties", property));
        });
        Map<String, Map<String, Optional<String>>> out = new LinkedHashMap<>();
        for (String id : entities) {
            switch (parse(id)) {
                case Entity.Address address -> addAddress(id, address.prefix(), domainAsked(domainOf(address.prefix()), asked), out);
                case Entity.Pid pid -> addPid(id, pid.name(), domainAsked(pidDomain, asked), out);
            }
        }
        return new PropertyMapResponse(dependentVtags(), out);
    }

    /**
     * RFC 9240 5.1.3 {@code EntityDomainName ':' DomainTypeSpecificEntityID}, for the domains of
     * {@link #mappings}; the pid domain is matched whole, since a resource id may hold a ':'.
     */
    Entity parse(String id) {
        String pidPrefix = pidDomain + ":";
        if (id.startsWith(pidPrefix) && mappings.containsKey(pidDomain)) {
            String pid = id.substring(pidPrefix.length());
            if (PidNames.isValid(pid)) {
                return new Entity.Pid(pid);
            }
        } else if (id.startsWith(IPV4 + ":") || id.startsWith(IPV6 + ":")) {
            AddressFamily family = id.startsWith(IPV4) ? AddressFamily.IPV4 : AddressFamily.IPV6;
            try {
                IpPrefix prefix = IpPrefix.parse(id.substring(IPV4.length() + 1));
                if (prefix.family() == family) {
                    return new Entity.Address(prefix);
                }
            } catch (IllegalArgumentException e) {
                // not an address or prefix: the same error as one of the other family
            }
        }
        throw new AltoException(AltoError.invalidValue("entities", id));
    }

    private List<String> domainAsked(String domain, List<String> asked) {
        List<String> offered = mappings.getOrDefault(domain, List.of());
        return asked.stream().filter(offered::contains).toList();
    }

    /**
     * The values of {@code prefix} under {@code id}, then those of the map prefixes inside it that
     * differ from the entry containing them: RFC 9240 8.6's rules. A prefix whose every address lies
     * in a map prefix inside it is left out (third rule), those prefixes then giving all their values;
     * an entity already in {@code out} from another prefix asked keeps its values there.
     */
    private void addAddress(String id, IpPrefix prefix, List<String> asked, Map<String, Map<String, Optional<String>>> out) {
        if (asked.isEmpty()) {
            return;
        }
        PrefixHierarchy hierarchy = hierarchy(prefix.family());
        Map<Integer, Map<String, String>> valuesByPid = new HashMap<>();
        IntFunction<Map<String, String>> values = pid -> valuesByPid.computeIfAbsent(pid, p -> addressValues(p, asked));
        List<PrefixHierarchy.Entry> inside = hierarchy.inside(prefix);
        Map<String, String> inherited = covered(prefix, inside) ? Map.of() : values.apply(hierarchy.coveringPid(prefix));
        if (!inherited.isEmpty()) {
            Map<String, Optional<String>> given = new LinkedHashMap<>();
            inherited.forEach((property, value) -> given.put(property, Optional.of(value)));
            out.put(id, given);
        }
        for (PrefixHierarchy.Entry entry : inside) {
            Map<String, String> own = values.apply(entry.pid());
            Map<String, String> parent = entry.parent() < 0 ? inherited : values.apply(inside.get(entry.parent()).pid());
            if (!own.equals(parent)) {
                out.putIfAbsent(entityId(entry.prefix()), difference(own, parent));
            }
        }
    }

    /** Whether the outermost map prefixes inside {@code prefix}, which do not overlap, hold all its addresses. */
    private static boolean covered(IpPrefix prefix, List<PrefixHierarchy.Entry> inside) {
        int bits = prefix.family().bits();
        BigInteger held = BigInteger.ZERO;
        for (PrefixHierarchy.Entry entry : inside) {
            if (entry.parent() < 0) {
                held = held.add(BigInteger.ONE.shiftLeft(bits - entry.prefix().length()));
            }
        }
        return held.equals(BigInteger.ONE.shiftLeft(bits - prefix.length()));
    }

    private void addPid(String id, String pid, List<String> asked, Map<String, Map<String, Optional<String>>> out) {
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        Map<String, String> own = pidProperties.of(pid);
        for (String property : asked) {
            String value = own.get(property.substring(1));
            if (value != null) {
                values.put(property, Optional.of(value));
            }
        }
        if (!values.isEmpty()) {
            out.put(id, values);
        }
    }

    /** What an address of PID {@code pid} has of {@code asked}: its PID, and the PID's own properties. */
    private Map<String, String> addressValues(int pid, Collection<String> asked) {
        String name = networkMap.pidName(pid);
        Map<String, String> own = pidProperties.of(name);
        Map<String, String> values = new LinkedHashMap<>();
        for (String property : asked) {
            String value = property.equals(pidProperty) ? name : own.get(property.substring(1));
            if (value != null) {
                values.put(property, value);
            }
        }
        return values;
    }

    /** The values of {@code own} that {@code parent} does not have, and null for those only {@code parent} has. */
    private static Map<String, Optional<String>> difference(Map<String, String> own, Map<String, String> parent) {
        Map<String, Optional<String>> changed = new LinkedHashMap<>();
        own.forEach((property, value) -> {
            if (!value.equals(parent.get(property))) {
                changed.put(property, Optional.of(value));
            }
        });
        parent.keySet().stream().filter(property -> !own.containsKey(property))
                .forEach(property -> changed.put(property, Optional.empty()));
        return changed;
    }

    /** An address entity's identifier: a full-length prefix as its address (RFC 9240 6.1, 6.2 make them aliases). */
    static String entityId(IpPrefix prefix) {
        boolean host = prefix.length() == prefix.family().bits();
        return domainOf(prefix) + ":" + (host ? AddressText.of(prefix.address()) : prefix.toString());
    }

    private static String domainOf(IpPrefix prefix) {
        return prefix.family() == AddressFamily.IPV4 ? IPV4 : IPV6;
    }

    /** Built on first use: a snapshot's catalog may never be asked for properties. */
    private synchronized PrefixHierarchy hierarchy(AddressFamily family) {
        return hierarchies.computeIfAbsent(family, f -> new PrefixHierarchy(networkMap, f));
    }
}
