package io.altokit.server.update;

import io.altokit.core.Snapshot;

import java.util.Optional;

/** The resources update streams may follow in one snapshot, as one privacy view shows them. */
public interface StreamableCatalog {

    /** The snapshot the resources serve: the view's, with its privacy policy applied. */
    Snapshot snapshot();

    Optional<Streamable> streamable(String resourceId);
}
