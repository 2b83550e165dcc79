package io.altokit.server.http;

import io.altokit.model.AltoException;
import io.altokit.model.QueryBody;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A request's body as the model record its resource takes (a filter, an endpoint cost or property
 * request), parsed once, when a guard or the resource first asks for it, and then shared: the
 * endpoint budget counts the endpoints of the same record the resource answers. Parsing waits for
 * the first asker so that a guard refusing the caller (401, 403) comes before a syntax error (400).
 * One request is handled by one thread at a time, so no synchronization is needed.
 *
 * @param <T> what the resource's {@link Parser} makes of the body
 */
public final class Query<T extends QueryBody> {
    private static final Query<?> NONE = new Query<>(new byte[0], null);

    /**
     * How one kind of resource reads its request body: one constant per kind, which the queries it
     * makes carry, so that a query reaches only a resource of the kind that made it.
     *
     * @param parse throws {@link AltoException} for a malformed body
     */
    public record Parser<T extends QueryBody>(Function<byte[], ? extends T> parse) {
        public Parser {
            Objects.requireNonNull(parse, "parse");
        }

        /** {@code body}, to be parsed when first asked. */
        public Query<T> query(byte[] body) {
            return new Query<>(body, this);
        }
    }

    private final byte[] body;
    /** Null for {@link #none()}. */
    private final Parser<T> parser;
    private T parsed;
    private AltoException malformed;

    private Query(byte[] body, Parser<T> parser) {
        this.body = body;
        this.parser = parser;
    }

    /** The query of a request whose resource takes no body (a GET resource, or no resource at all). */
    public static Query<?> none() {
        return NONE;
    }

    /**
     * The parsed record, empty when the resource takes no body.
     *
     * @throws AltoException the parser's error for a malformed body, the same one on every call
     */
    public Optional<T> parsed() {
        if (parser != null && parsed == null && malformed == null) {
            try {
                parsed = Objects.requireNonNull(parser.parse().apply(body), "parser result");
            } catch (AltoException e) {
                malformed = e;
            }
        }
        if (malformed != null) {
            throw malformed;
        }
        return Optional.ofNullable(parsed);
    }

    /**
     * This query as one {@code parser} made: for a resource of the kind that made it (the caller's
     * view of the resource the path names).
     *
     * @throws IllegalStateException if another parser made it (a bug in routing, not the client's mistake)
     */
    public <U extends QueryBody> Query<U> madeBy(Parser<U> parser) {
        if (this.parser != parser) {
            throw new IllegalStateException("a query made by " + this.parser + " reached a resource parsing with " + parser);
        }
        @SuppressWarnings("unchecked") // the same parser: U is T
        Query<U> same = (Query<U>) this;
        return same;
    }
}
