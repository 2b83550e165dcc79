package io.altokit.server.update.tips;

import java.util.Optional;

/**
 * A request path below the TIPS resource (RFC 9569 section 4.2): {@code /tips/<view>/ug} (the next
 * edge recommendation) or {@code /tips/<view>/ug/<i>/<j>} (an edge).
 *
 * @param viewId the view's id
 * @param edge   the edge's two sequence numbers as written, for an edge path
 */
record ViewPath(String viewId, Optional<Segments> edge) {
    /** Longer numbers than this are no version a view will reach. */
    private static final int MAX_SEQ_DIGITS = 18;

    /** The two sequence numbers of an edge path, unparsed. */
    record Segments(String i, String j) {
    }

    static Optional<ViewPath> parse(String path) {
        String prefix = TipsViews.PATH + "/";
        if (!path.startsWith(prefix)) {
            return Optional.empty();
        }
        String[] parts = path.substring(prefix.length()).split("/", -1);
        if (parts.length < 2 || parts[0].isEmpty() || !parts[1].equals("ug")) {
            return Optional.empty();
        }
        return switch (parts.length) {
            case 2 -> Optional.of(new ViewPath(parts[0], Optional.empty()));
            case 4 -> Optional.of(new ViewPath(parts[0], Optional.of(new Segments(parts[2], parts[3]))));
            default -> Optional.empty();
        };
    }

    /** Whether it names the updates graph itself, where new next edge recommendations are asked. */
    boolean graph() {
        return edge.isEmpty();
    }

    String viewPath() {
        return TipsViews.PATH + "/" + viewId;
    }

    /** A sequence number: decimal digits only (no sign, no exponent), as the view writes them. */
    static Optional<Long> seq(String text) {
        if (text.isEmpty() || text.length() > MAX_SEQ_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text));
    }
}
