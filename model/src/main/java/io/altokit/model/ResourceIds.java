package io.altokit.model;

/** RFC 7285 10.2 resource ids: 1..64 of [A-Za-z0-9-:@_.]; the same alphabet as PID names. */
public final class ResourceIds {
    private ResourceIds() {
    }

    public static boolean isValid(String id) {
        return PidNames.isValid(id);
    }
}
