package io.altokit.server;

import io.altokit.model.AltoError;
import io.altokit.server.http.Reply;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.ReplyDecorator;
import io.altokit.server.protection.Verdict;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The protection layer's place in the server: guards before every resource (even 404s), decorators after. */
class ProtectionPipelineTest {

    private static final Guard NAME_FROM_HEADER = call -> Verdict.pass(
            call.request().authorization().map(name -> call.withCaller(call.caller().named(name))).orElse(call));

    private static final Guard ONLY_NAMED = call -> call.caller().name().isPresent() ? Verdict.pass(call)
            : Verdict.refuse(Reply.error(403, AltoError.invalidValue("caller")), "test");

    @Test
    void aRefusingGuardAnswersBeforeAnyResourceOrNotFound() throws Exception {
        try (ServerFixture fixture = new ServerFixture(new Protection(List.of(NAME_FROM_HEADER, ONLY_NAMED), List.of()))) {
            assertThat(fixture.get("/networkmap").statusCode()).isEqualTo(403);
            assertThat(fixture.get("/no-such-resource").statusCode()).isEqualTo(403);
            assertThat(fixture.get("/networkmap", "Authorization", "app1").statusCode()).isEqualTo(200);
            assertThat(fixture.get("/no-such-resource", "Authorization", "app1").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void guardsSeeTheResourceIdAndDecoratorsSeeTheNamedCaller() throws Exception {
        List<Optional<String>> resourceIds = new CopyOnWriteArrayList<>();
        Guard recordResource = call -> {
            resourceIds.add(call.resourceId());
            return Verdict.pass(call);
        };
        ReplyDecorator tagCaller = (Call call, Reply reply) -> new Reply(reply.status(), reply.mediaType(), reply.body(),
                Map.of("X-Caller", call.caller().name().orElse("-")));
        Protection protection = new Protection(List.of(NAME_FROM_HEADER, recordResource), List.of(tagCaller));
        try (ServerFixture fixture = new ServerFixture(protection)) {
            HttpResponse<byte[]> named = fixture.get("/networkmap", "Authorization", "app1");
            HttpResponse<byte[]> anonymous = fixture.get("/directory");
            fixture.get("/nowhere");

            assertThat(named.headers().firstValue("X-Caller")).contains("app1");
            assertThat(anonymous.headers().firstValue("X-Caller")).contains("-");
            assertThat(resourceIds).containsExactly(Optional.of(ServerConfig.DEFAULT_NETWORK_MAP_ID),
                    Optional.of("directory"), Optional.empty());
        }
    }
}
