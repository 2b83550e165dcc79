package io.altokit.server;

/**
 * An operator endpoint ({@link AdminResources}): not an ALTO resource, so it answers whatever the
 * Accept header says — probes, scrapers and browsers each ask for their own types, and what is
 * offered is what they get.
 */
interface AdminResource extends AltoResource {

    @Override
    default boolean negotiatesMediaType() {
        return true;
    }
}
