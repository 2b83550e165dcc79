package io.altokit.client;

import java.util.Optional;

/**
 * The framing of a server-sent event stream (the WHATWG "text/event-stream" format RFC 8895
 * builds on), fed one line at a time: {@code event:} and {@code data:} fields accumulate until a
 * blank line dispatches them; lines starting with a colon are comments (keep-alives); {@code id}
 * and {@code retry} are ignored, since an ALTO client resubscribes with its own vtag instead of
 * Last-Event-ID. Not thread-safe: one reader per stream.
 */
final class EventStream {
    /** One dispatched event: its type ("message" when the server named none) and its data lines joined by newlines. */
    record Event(String type, String data) {
    }

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String type = "";

    /** Takes one line (without its line terminator); returns the event a blank line completes. */
    Optional<Event> line(String line) {
        if (line.isEmpty()) {
            return dispatch();
        }
        if (line.charAt(0) == ':') {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(line.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
        switch (field) {
            case "event" -> type = value;
            case "data" -> {
                if (hasData) {
                    data.append('\n');
                }
                data.append(value);
                hasData = true;
            }
            default -> {
                // id, retry and unknown fields carry nothing an ALTO client uses
            }
        }
        return Optional.empty();
    }

    private Optional<Event> dispatch() {
        Optional<Event> event = hasData ? Optional.of(new Event(type.isEmpty() ? "message" : type, data.toString()))
                : Optional.empty();
        data.setLength(0);
        hasData = false;
        type = "";
        return event;
    }
}
