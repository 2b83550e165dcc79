package io.altokit.server.update.tips;

import io.altokit.model.MediaTypes;
import io.altokit.server.http.Representation;
import io.altokit.server.update.MergePatchChain;
import io.altokit.server.update.Patch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The updates graph of one TIPS view (RFC 9569 section 3): versions {@code [start-seq, end-seq]}, the
 * mandatory patch from each version to the next (a merge patch or a JSON patch, whichever is smaller),
 * shortcuts {@code i -> j} ({@code j > i + 1}) where one merge patch does what the chain does in fewer
 * bytes (a cell changed in several versions is one cell in the shortcut; section 8.3), and snapshot edges from 0 to the start and
 * to the end. Only those two versions keep their full content (a full map is a whole snapshot of
 * the network, tens of MB at operator scale); the versions between are reached from the start
 * snapshot through the patches.
 *
 * <p>The invariants of section 3.2 hold by construction: versions are numbered consecutively from 1
 * (0 is the empty state), there is a patch for every step of the window (continuity), the start has
 * a snapshot (feasibility), and both ends only move right. When the window outgrows its bound it is
 * compacted to its last step: a client further behind then gets 410 and opens the view again. Not
 * thread-safe: its {@link TipsView} guards it.
 */
final class UpdatesGraph {
    /** A full version: its media type, its encoded body when asked, and its tag where the resource has one. */
    record Content(String mediaType, Supplier<Representation> body, Optional<String> tag) {
    }

    /** What a request for the edge {@code i -> j} finds. */
    sealed interface Edge {
        /**
         * The edge exists: a snapshot (from 0), the version's encoded body (a full map as GETs get it,
         * rendered when first asked), or a patch of either kind.
         */
        record Found(String mediaType, Supplier<Representation> body) implements Edge {
        }

        /** The edge is the next one, which the next version will add: worth waiting for. */
        record Next() implements Edge {
        }

        /** The edge starts below the start of the window (RFC 9569 section 7.2: 410). */
        record Gone() implements Edge {
        }

        /** The edge ends beyond the next version, the long-poll window (425). */
        record TooEarly() implements Edge {
        }

        /** No such edge: not a step or a snapshot edge the graph offers (404). */
        record Missing() implements Edge {
        }
    }

    /** Chains whose merge patches add up to more are not composed into a shortcut: composing is work under the view's lock. */
    static final int SHORTCUT_MAX_BYTES = 1 << 20;

    private final int maxVersions;
    private long start = 1;
    private Content startContent;
    private Content endContent;
    /** The patch into each version after the start, oldest first: the k-th (from 0) takes start+k to start+k+1. */
    private final Deque<Step> steps = new ArrayDeque<>();
    /** The shortcuts asked for so far, by their ends, offered or not; forgotten when the window moves its start. */
    private final Map<Span, Optional<Patch>> shortcuts = new HashMap<>();

    /**
     * One step: the patch served for it (the smaller kind; its body encoded once for every request of
     * the edge, gzip included), and its merge patch, which shortcuts compose.
     */
    private record Step(Patch patch, Representation body, Optional<byte[]> mergePatch, Optional<String> tag) {
    }

    private record Span(long i, long j) {
    }

    UpdatesGraph(Content first, int maxVersions) {
        if (maxVersions < 2) {
            throw new IllegalArgumentException("a view keeps at least two versions, not " + maxVersions);
        }
        this.maxVersions = maxVersions;
        this.startContent = first;
        this.endContent = first;
    }

    long startSeq() {
        return start;
    }

    long endSeq() {
        return start + steps.size();
    }

    Content end() {
        return endContent;
    }

    /**
     * Adds the next version, reached from the current end by {@code patches} (one per kind, at least
     * one): the step serves the smallest. A full window is compacted to its last step: the version
     * before the newest (whose content was the end's until now) and the newest, so that a client
     * long-polling the step into the newest still gets it.
     */
    void add(List<Patch> patches, Content next) {
        Patch served = Patch.smallest(patches).orElseThrow(() -> new IllegalArgumentException("a step needs a patch"));
        Optional<byte[]> mergePatch = patches.stream().filter(patch -> patch.mediaType().equals(MediaTypes.MERGE_PATCH))
                .map(Patch::body).findFirst();
        Content previous = endContent;
        steps.addLast(new Step(served, Representation.of(served.body()), mergePatch, next.tag()));
        endContent = next;
        if (steps.size() + 1 > maxVersions) {
            Step last = steps.removeLast();
            start = endSeq();
            steps.clear();
            steps.addLast(last);
            startContent = previous;
            shortcuts.clear();
        }
    }

    /**
     * Moves the window to the next version alone, whose content has no patch from the end (the view
     * lost track of its resource): clients then fetch its snapshot.
     */
    void restart(Content next) {
        start = endSeq() + 1;
        steps.clear();
        shortcuts.clear();
        startContent = next;
        endContent = next;
    }

    /** The version holding {@code tag}, newest first, if the window has one. */
    Optional<Long> seqOf(String tag) {
        if (endContent.tag().filter(tag::equals).isPresent()) {
            return Optional.of(endSeq());
        }
        long seq = endSeq();
        for (Iterator<Step> newestFirst = steps.descendingIterator(); newestFirst.hasNext(); seq--) {
            Step step = newestFirst.next();
            if (step.tag().filter(tag::equals).isPresent()) {
                return Optional.of(seq);
            }
        }
        return startContent.tag().filter(tag::equals).map(found -> start);
    }

    /** The bytes of the patches from version {@code from} to the end. */
    long patchBytesFrom(long from) {
        long bytes = 0;
        long seq = start;
        for (Step step : steps) {
            if (seq >= from) {
                bytes += step.patch().body().length;
            }
            seq++;
        }
        return bytes;
    }

    /** Whether {@code i -> j} is an edge the next version adds: the step from the end, or its snapshot. */
    boolean isNext(long i, long j) {
        long end = endSeq();
        return j == end + 1 && (i == end || i == 0);
    }

    /** What a GET of {@code ug/i/j} finds. */
    Edge edge(long i, long j) {
        long end = endSeq();
        if (j <= i) {
            return new Edge.Missing();
        }
        if (i > end || j > end + 1) {
            return new Edge.TooEarly();
        }
        if (j == end + 1) {
            return isNext(i, j) ? new Edge.Next() : new Edge.Missing();
        }
        if (i == 0) {
            if (j < start) {
                return new Edge.Gone();
            }
            Content snapshot = j == end ? endContent : j == start ? startContent : null;
            return snapshot == null ? new Edge.Missing() : new Edge.Found(snapshot.mediaType(), snapshot.body());
        }
        if (i < start) {
            return new Edge.Gone();
        }
        if (j == i + 1) {
            Step step = stepsBetween(i, j).getFirst();
            return new Edge.Found(step.patch().mediaType(), step::body);
        }
        return shortcut(i, j).<Edge>map(found -> new Edge.Found(found.mediaType(), () -> Representation.of(found.body())))
                .orElseGet(Edge.Missing::new);
    }

    /**
     * The shortcut {@code i -> j} ({@code start <= i}, {@code i + 1 < j <= end}): the composed merge patch
     * of the steps between, when every step has one, they compose, and the result is smaller than
     * the steps' patches together; else empty (the edge is not offered).
     */
    Optional<Patch> shortcut(long i, long j) {
        return shortcuts.computeIfAbsent(new Span(i, j), span -> {
            List<Step> chain = stepsBetween(i, j);
            long chainBytes = chain.stream().mapToLong(step -> step.patch().body().length).sum();
            long mergeBytes = chain.stream().mapToLong(step -> step.mergePatch().map(patch -> patch.length).orElse(Integer.MAX_VALUE)).sum();
            if (mergeBytes > SHORTCUT_MAX_BYTES) {
                return Optional.empty();
            }
            return MergePatchChain.composed(chain.stream().map(step -> step.mergePatch().orElseThrow()).toList())
                    .filter(composed -> composed.length < chainBytes)
                    .map(composed -> new Patch(MediaTypes.MERGE_PATCH, composed));
        });
    }

    /** The steps from version {@code i} to {@code j}, both in the window. */
    private List<Step> stepsBetween(long i, long j) {
        if (i < start || j > endSeq() || j <= i) {
            throw new IllegalArgumentException("no steps " + i + " -> " + j + " in [" + start + ", " + endSeq() + "]");
        }
        return List.copyOf(steps).subList((int) (i - start), (int) (j - start));
    }
}
