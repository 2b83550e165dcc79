package io.altokit.provision.publish;

import io.altokit.core.ChangeSet;
import io.altokit.core.Snapshot;

/** What the {@link Publisher} made of a change (shared by the changes it coalesced with). */
public sealed interface Outcome {

    /** The next snapshot is current. */
    record Published(ChangeSet changes) implements Outcome {}

    /** The model yields the content already served (same vtags), so nothing was published. */
    record Unchanged(Snapshot current) implements Outcome {}

    /** The change did not make a snapshot (or the source could not be read); the current one stays. */
    record Failed(String reason) implements Outcome {}

    /** Taken into the model, not published: the publisher serves a restored snapshot until the sources catch up. */
    record Held() implements Outcome {}
}
