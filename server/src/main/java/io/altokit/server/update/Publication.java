package io.altokit.server.update;

import io.altokit.core.ChangeSet;
import io.altokit.core.Snapshot;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One publication as the followers of resources (update streams, TIPS views) take it: each catalog
 * view's catalog after it, the full view's change set (none for a first or wholly replaced
 * snapshot), and what every follower derives from these the same way — each catalog view's change
 * set and each full map's patches — computed once, by whichever follower asks first, whatever the
 * number of followers, streams and views. Followers work on threads of their own, so the memo is
 * thread-safe; a second asker waits for the first one's result rather than computing it again.
 *
 * <p>Within one publication every follower's snapshot "before" of a catalog view is the same: the
 * view's catalog at the previous publication, since every follower is told every publication in order.
 */
public final class Publication {
    private final Optional<ChangeSet> changes;
    private final Map<Object, StreamableCatalog> catalogs;
    private final Map<Object, Once<ChangeSet>> viewChanges = new ConcurrentHashMap<>();
    private final Map<PatchKey, Once<List<Patch>>> patches = new ConcurrentHashMap<>();

    private record PatchKey(Object view, String resourceId) {
    }

    /**
     * @param changes  the full view's change set from the previous publication; empty for the first
     *                 snapshot (followers then only remember the catalogs)
     * @param catalogs by catalog view (privacy policy and access grant), its catalog after the publication
     */
    public Publication(Optional<ChangeSet> changes, Map<?, ? extends StreamableCatalog> catalogs) {
        this.changes = changes;
        this.catalogs = Map.copyOf(catalogs);
    }

    /** Whether the followers are told what changed, rather than only the new catalogs. */
    public boolean changed() {
        return changes.isPresent();
    }

    /** By catalog view, its catalog after the publication. */
    public Map<Object, StreamableCatalog> catalogs() {
        return catalogs;
    }

    /**
     * The change set of one catalog view from {@code before}: the full view's, else worked out
     * between the view's two snapshots (once per view).
     *
     * @throws IllegalStateException for a publication without a change set
     */
    private ChangeSet changes(Object view, Snapshot before) {
        ChangeSet full = changes.orElseThrow(() -> new IllegalStateException("a first snapshot has no change set"));
        Snapshot after = catalogs.get(view).snapshot();
        return after == full.snapshot() ? full
                : viewChanges.computeIfAbsent(view, v -> new Once<>(() -> ChangeSet.between(before, after))).get();
    }

    /**
     * The patches of a full map of one catalog view from {@code before} (the view's snapshot at the
     * previous publication), one per patch media type the map offers; empty when it stayed as it was.
     */
    public List<Patch> patches(Object view, Streamable.FullMap map, Snapshot before) {
        return patches.computeIfAbsent(new PatchKey(view, map.resourceId()),
                key -> new Once<>(() -> map.patches().between(before, changes(view, before)))).get();
    }

    /** A value computed on first use, by the first caller; later callers wait for it. */
    private static final class Once<T> {
        private Supplier<T> compute;
        private T value;

        Once(Supplier<T> compute) {
            this.compute = compute;
        }

        synchronized T get() {
            if (compute != null) {
                value = compute.get();
                compute = null;
            }
            return value;
        }
    }
}
