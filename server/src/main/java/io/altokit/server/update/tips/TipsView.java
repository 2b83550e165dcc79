package io.altokit.server.update.tips;

import io.altokit.core.Snapshot;
import io.altokit.server.http.Reply;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One TIPS view (RFC 9569 section 2.2): the updates graph of one resource as one privacy view shows
 * it, for one input where the resource takes one, shared by every client that asks for the same.
 * Its versions are added on the views' own thread; request threads read its graph and register
 * long polls under its lock, which is held only for bookkeeping.
 */
final class TipsView {
    /**
     * What makes two open requests the same view: the callers' catalog view (privacy policy and
     * access grant), the resource, and for a resource with an input the input (re-serialized
     * compactly) and the caller's address (an endpoint cost input may leave the source to it).
     */
    record Key(Object catalogView, String resourceId, Optional<String> input, Optional<InetAddress> client) {
    }

    /** A GET of the next edge waiting for the version that makes it; completed with the edge's answer. */
    record Poll(long i, long j, Object owner, CompletableFuture<Reply> answer) {
    }

    final String id;
    final Key key;
    /** Who opened it: its place in the per-client count of views. */
    final Object creator;
    private final UpdatesGraph graph;
    private final List<Poll> polls = new ArrayList<>();
    /** The snapshot the end version was taken from (full maps), or the end's answer (inputs); views' thread only. */
    Snapshot heldSnapshot;
    byte[] heldAnswer;
    private long lastUsed;
    private boolean closed;

    TipsView(String id, Key key, Object creator, UpdatesGraph graph, long now) {
        this.id = id;
        this.key = key;
        this.creator = creator;
        this.graph = graph;
        this.lastUsed = now;
    }

    String path() {
        return TipsViews.PATH + "/" + id;
    }

    /** Runs {@code read} on the graph under the lock; marks the view used at {@code now}. */
    synchronized <T> T read(long now, Function<UpdatesGraph, T> read) {
        lastUsed = now;
        return read.apply(graph);
    }

    /** Changes the graph and takes out the polls it now answers (or all, once closed); completing them is the caller's. */
    synchronized List<Poll> change(Consumer<UpdatesGraph> change) {
        change.accept(graph);
        return takeAnswerable();
    }

    /**
     * Registers a poll of the edge {@code i -> j} unless the graph already has it or it is no longer
     * the next edge; returns whether it was registered.
     */
    synchronized boolean await(Poll poll, long now) {
        lastUsed = now;
        if (closed || !graph.isNext(poll.i(), poll.j())) {
            return false;
        }
        polls.add(poll);
        return true;
    }

    /** Takes out a poll that timed out; false if a version or the close took it first. */
    synchronized boolean remove(Poll poll) {
        return polls.remove(poll);
    }

    /** Closes the view and takes out every waiting poll. */
    synchronized List<Poll> close() {
        closed = true;
        List<Poll> all = List.copyOf(polls);
        polls.clear();
        return all;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Whether nobody used it since {@code since} and nobody waits on it. */
    synchronized boolean idleSince(long since) {
        return polls.isEmpty() && lastUsed - since < 0;
    }

    private List<Poll> takeAnswerable() {
        List<Poll> answerable = new ArrayList<>();
        polls.removeIf(poll -> {
            boolean ready = !graph.isNext(poll.i(), poll.j());
            if (ready) {
                answerable.add(poll);
            }
            return ready;
        });
        return answerable;
    }
}
