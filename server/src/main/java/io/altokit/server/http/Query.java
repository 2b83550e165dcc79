package io.altokit.server.http;

import io.altokit.model.AltoException;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A request's body as the model record its resource takes (a filter, an endpoint cost or property
 * request), parsed once, when a guard or the resource first asks for it, and then shared: the
 * endpoint budget counts the endpoints of the same record the resource answers. Parsing waits for
 * the first asker so that a guard refusing the caller (401, 403) comes before a syntax error (400).
 * One request is handled by one thread at a time, so no synchronization is needed.
 */
public final class Query {
    private static final Query NONE = new Query(new byte[0], null);

    private final byte[] body;
    /** Null for {@link #none()}. */
    private final Function<byte[], ?> parser;
    private Object parsed;
    private AltoException malformed;

    private Query(byte[] body, Function<byte[], ?> parser) {
        this.body = body;
        this.parser = parser;
    }

    /** The query of a request whose resource takes no body (a GET resource, or no resource at all). */
    public static Query none() {
        return NONE;
    }

    /** {@code body} as {@code parser} reads it; the parser throws {@link AltoException} for a malformed body. */
    public static Query of(byte[] body, Function<byte[], ?> parser) {
        return new Query(body, Objects.requireNonNull(parser, "parser"));
    }

    /**
     * The parsed record, empty when the resource takes no body.
     *
     * @throws AltoException the parser's error for a malformed body, the same one on every call
     */
    public Optional<Object> parsed() {
        if (parser != null && parsed == null && malformed == null) {
            try {
                parsed = Objects.requireNonNull(parser.apply(body), "parser result");
            } catch (AltoException e) {
                malformed = e;
            }
        }
        if (malformed != null) {
            throw malformed;
        }
        return Optional.ofNullable(parsed);
    }

    /** The parsed record as the type the resource's parser makes; for the resource itself. */
    public <T> T as(Class<T> type) {
        return type.cast(parsed().orElseThrow(() -> new IllegalStateException("the request has no body to parse")));
    }
}
