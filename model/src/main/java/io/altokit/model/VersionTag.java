package io.altokit.model;

/** RFC 7285 section 10.3: resource id plus an opaque tag identifying one version of that resource. */
public record VersionTag(String resourceId, String tag) {
}
