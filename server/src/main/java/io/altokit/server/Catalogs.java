package io.altokit.server;

import io.altokit.core.Snapshot;
import io.altokit.server.privacy.PrivacyPolicy;
import io.altokit.server.protection.CallerView;
import io.altokit.server.protection.Protection;
import io.altokit.server.update.UpdateStreams;
import io.altokit.server.update.tips.TipsViews;

import java.util.HashMap;
import java.util.Map;

/**
 * The catalogs of one snapshot, one per {@link CallerView} the protection layer can give a caller:
 * the full one, whose resource ids the guards see, and one per combination of access grant and
 * privacy policy, each with its directory already filtered. A request finds its caller's in one
 * lookup. The snapshot's view under a privacy policy is built once per policy and shared by the
 * grants; without access rules and privacy policies the full catalog is the only one.
 */
final class Catalogs {
    private final Catalog full;
    private final Map<CallerView, Catalog> byView = new HashMap<>();

    /** @param encodedMaps the full maps encoded for the catalogs served so far, taken over where unchanged */
    Catalogs(Snapshot snapshot, ServerConfig config, Protection protection, EncodedMaps encodedMaps, UpdateStreams streams,
             TipsViews tips) {
        this.full = new Catalog(snapshot, config, PrivacyPolicy.FULL, encodedMaps, streams, tips);
        Map<PrivacyPolicy, Catalog> byPolicy = new HashMap<>();
        byPolicy.put(PrivacyPolicy.FULL, full);
        for (CallerView view : protection.views()) {
            Catalog policyCatalog = byPolicy.computeIfAbsent(view.privacy(),
                    p -> new Catalog(p.view(snapshot), config, p, encodedMaps, streams, tips));
            byView.put(view, policyCatalog.restrictedTo(view.grant(), streams, tips));
        }
        encodedMaps.published();
    }

    /** Every distinct catalog by the callers it serves, for the update streams and TIPS views. */
    Map<Catalog.View, Catalog> byStreamView() {
        Map<Catalog.View, Catalog> views = new HashMap<>();
        views.put(full.view(), full);
        byView.values().forEach(catalog -> views.put(catalog.view(), catalog));
        return views;
    }

    Catalog full() {
        return full;
    }

    /** The catalog a caller with this view is answered from. */
    Catalog forView(CallerView view) {
        return view == CallerView.FULL ? full : byView.get(view);
    }
}
