package io.altokit.model;

/**
 * RFC 9240 section 5.2 entity property names: {@code [ ResourceID ] '.' EntityPropertyType}. A type
 * is 1 to 32 characters of {@code A-Z a-z 0-9 - : _} (no '.', which separates it from the resource
 * id); one starting {@code priv:} is private and needs more after the prefix. Without a resource id
 * ({@code ".priv:area"}) the property is defined by the property map itself; with one
 * ({@code "default-network-map.pid"}) by that resource.
 */
public final class EntityPropertyNames {
    private static final int MAX_TYPE_LENGTH = 32;
    private static final String PRIVATE = "priv:";
    public static final String TYPE_RULE = "1 to 32 characters from A-Z a-z 0-9 - : _";

    private EntityPropertyNames() {
    }

    public static boolean isValidType(String type) {
        return !type.isEmpty() && type.length() <= MAX_TYPE_LENGTH && !type.equals(PRIVATE)
                && type.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c) || c == '-' || c == ':' || c == '_');
    }

    /** Whether {@code type} is a valid type reserved for private use (RFC 9240 5.2.1), which needs no IANA registration. */
    public static boolean isPrivateType(String type) {
        return type.startsWith(PRIVATE) && isValidType(type);
    }

    public static boolean isValidName(String name) {
        int dot = name.lastIndexOf('.');
        if (dot < 0 || !isValidType(name.substring(dot + 1))) {
            return false;
        }
        String resourceId = name.substring(0, dot);
        return resourceId.isEmpty() || ResourceIds.isValid(resourceId) && resourceId.indexOf('.') < 0;
    }

    /** The name of a property the property map defines itself (RFC 9240 5.2.2): {@code "." + type}. */
    public static String selfDefined(String type) {
        return "." + type;
    }

    /** The name of a property {@code resourceId} defines, such as a network map's {@code pid}. */
    public static String resourceSpecific(String resourceId, String type) {
        return resourceId + "." + type;
    }
}
