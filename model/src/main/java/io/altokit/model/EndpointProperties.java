package io.altokit.model;

/**
 * RFC 7285 10.8 endpoint property names: either a global property type (1..32 of
 * [A-Za-z0-9-:_]) or "ResourceID.PropertyType" for a resource-specific property such as
 * "default-network-map.pid".
 */
public final class EndpointProperties {
    private static final int MAX_TYPE_LENGTH = 32;

    private EndpointProperties() {
    }

    public static boolean isValidName(String name) {
        int dot = name.lastIndexOf('.');
        String type = dot < 0 ? name : name.substring(dot + 1);
        if (dot >= 0 && !ResourceIds.isValid(name.substring(0, dot))) {
            return false;
        }
        return !type.isEmpty() && type.length() <= MAX_TYPE_LENGTH
                && type.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == ':' || c == '_');
    }

    /** The resource-specific property name for a network map's PID property. */
    public static String pidProperty(String networkMapId) {
        return networkMapId + ".pid";
    }
}
