package io.altokit.server;

import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Protection;
import io.altokit.server.protection.ReplyDecorator;
import io.altokit.server.protection.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guard or decorator that throws is answered like any other failure — 500 with an error object and
 * {@code Connection: close} — on the I/O threads and on the workers alike, instead of leaving the
 * client without an answer.
 */
class FailingProtectionTest {
    private static final Guard FAILING_GUARD = call -> {
        if (call.request().path().equals("/networkmap")) {
            throw new IllegalStateException("guard failed");
        }
        return Verdict.pass(call);
    };
    private static final ReplyDecorator FAILING_DECORATOR = (call, reply) -> {
        if (call.request().path().equals("/costmap")) {
            throw new IllegalStateException("decorator failed");
        }
        return reply;
    };

    @ParameterizedTest(name = "max-concurrent-requests {0}")
    @ValueSource(ints = {0, 2})
    void aThrowingGuardOrDecoratorGetsA500WithAnErrorObject(int limit) throws Exception {
        ServerConfig config = ServerConfig.defaults().withPort(0).withConcurrencyLimit(limit, limit, false);
        try (ServerFixture fixture = new ServerFixture(config, TestNetwork.snapshot(),
                new Protection(List.of(FAILING_GUARD), List.of(FAILING_DECORATOR)))) {
            for (String path : List.of("/networkmap", "/costmap")) {
                try (RawHttp client = new RawHttp(fixture.server.address())) {
                    RawHttp.Response answer = client.write("GET " + path + " HTTP/1.1\r\nHost: alto\r\n\r\n").read();
                    AnswerBeforeCloseTest.assertClosingError(answer, 500, "E_INTERNAL");
                    assertThat(client.endsCleanly()).isTrue();
                }
            }
            assertThat(fixture.get("/directory").statusCode()).as("others still served").isEqualTo(200);
        }
    }
}
