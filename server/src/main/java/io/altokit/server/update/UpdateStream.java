package io.altokit.server.update;

import io.altokit.server.http.EventStream;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client's update stream (RFC 8895): its unguessable id (the last part of its control URI), the
 * caller it belongs to, the privacy view it sees, its substreams by client id, and the connection its
 * events go to. Substreams change only on the streams' own thread; request threads read the ids.
 */
final class UpdateStream {
    final String id;
    final Object owner;
    final Object view;
    /** The client's address, which stands in for the sources an endpoint cost input leaves out. */
    final InetAddress client;
    final EventStream.Sink sink;
    final Map<String, Substream> substreams = new ConcurrentHashMap<>();
    private long added;

    UpdateStream(String id, Object owner, Object view, InetAddress client, EventStream.Sink sink) {
        this.id = id;
        this.owner = owner;
        this.view = view;
        this.client = client;
        this.sink = sink;
    }

    long nextSequence() {
        return added++;
    }

    /** Substreams in the order their events go: by the resource's place (see {@link Streamable#order()}), then as added. */
    List<Substream> inOrder(Comparator<Substream> byResource) {
        return substreams.values().stream().sorted(byResource.thenComparingLong(substream -> substream.sequence)).toList();
    }
}
