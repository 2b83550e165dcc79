package io.altokit.server;

import io.altokit.model.QueryBody;
import io.altokit.server.http.AltoRequest;
import io.altokit.server.http.Query;
import io.altokit.server.http.Reply;

/** One information resource: its {@link ResourceDescriptor}, and how it answers for a snapshot. */
interface AltoResource {

    ResourceDescriptor descriptor();

    /** The request's body as this resource takes it, parsed when first asked; none for resources answering GET. */
    default Query<?> query(byte[] body) {
        return Query.none();
    }

    /**
     * Answers a request that already passed method and media type checks. {@code query} was made by
     * {@link #query} of a resource of this kind: the full catalog's at the request's path, which the
     * caller's view may replace by its own.
     */
    Reply handle(AltoRequest request, Query<?> query);

    /** A service answering POST: its body parsed by its kind's {@link Query.Parser} into a {@code T}, the answer computed from that. */
    interface Service<T extends QueryBody> extends AltoResource {

        /** The one parser of this kind of service. */
        Query.Parser<T> parser();

        /** The answer to the parsed request body. */
        Reply answer(AltoRequest request, T body);

        @Override
        default Query<T> query(byte[] body) {
            return parser().query(body);
        }

        /** @throws io.altokit.model.AltoException for a malformed body */
        @Override
        default Reply handle(AltoRequest request, Query<?> query) {
            return answer(request, query.madeBy(parser()).parsed().orElseThrow());
        }
    }
}
