package io.altokit.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Requests that found every {@link Admission} slot taken, waiting for one: bounded in count and in
 * body bytes, and taken newest first. Newest first keeps the wait of the requests that are admitted
 * short under sustained overload (a freed slot goes to a request that has just arrived), while the
 * oldest run out of time at the back and are refused; first come, first served would instead make
 * every admitted request wait as long as the room allows. Each guest leaves exactly once: taken for
 * a slot or sent away when its time is up, whichever comes first. Safe from any thread.
 *
 * @param <G> what waits
 */
final class WaitingRoom<G> {
    private final int maxGuests;
    private final long maxBytes;
    /** Newest first. */
    private final ArrayDeque<Guest<G>> guests = new ArrayDeque<>();
    private long bytes;

    /** One waiting request, the body bytes it holds in memory and when it arrived (ticker nanoseconds). */
    record Guest<G>(G request, int bytes, long arrivedNanos) {
    }

    WaitingRoom(int maxGuests, long maxBytes) {
        this.maxGuests = maxGuests;
        this.maxBytes = maxBytes;
    }

    /** Whether a request of {@code bytes} would find a place now (not a reservation). */
    synchronized boolean hasSpace(long bytes) {
        return guests.size() < maxGuests && this.bytes + bytes <= maxBytes;
    }

    /** Lets {@code guest} in, or returns false when the room is full. */
    synchronized boolean enter(Guest<G> guest) {
        if (!hasSpace(guest.bytes())) {
            return false;
        }
        guests.addFirst(guest);
        bytes += guest.bytes();
        return true;
    }

    /** The newest guest, who leaves the room; empty when nobody waits. */
    synchronized Optional<G> takeNewest() {
        Guest<G> newest = guests.pollFirst();
        if (newest == null) {
            return Optional.empty();
        }
        bytes -= newest.bytes();
        return Optional.of(newest.request());
    }

    /** Sends away, oldest first, every guest that arrived at or before {@code cutoffNanos}. */
    synchronized List<G> leaveArrivedBy(long cutoffNanos) {
        List<G> gone = new ArrayList<>();
        // The oldest are at the back.
        for (Guest<G> oldest; (oldest = guests.peekLast()) != null && oldest.arrivedNanos() - cutoffNanos <= 0; ) {
            guests.pollLast();
            bytes -= oldest.bytes();
            gone.add(oldest.request());
        }
        return gone;
    }

    /** The oldest guest, who leaves the room, if it arrived at or before {@code cutoffNanos}. */
    synchronized Optional<G> leaveOldestArrivedBy(long cutoffNanos) {
        Guest<G> oldest = guests.peekLast();
        if (oldest == null || oldest.arrivedNanos() - cutoffNanos > 0) {
            return Optional.empty();
        }
        guests.pollLast();
        bytes -= oldest.bytes();
        return Optional.of(oldest.request());
    }

    synchronized boolean isEmpty() {
        return guests.isEmpty();
    }
}
