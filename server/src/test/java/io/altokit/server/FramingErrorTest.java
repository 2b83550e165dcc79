package io.altokit.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests whose framing cannot be trusted get an RFC 7285 error object and {@code Connection: close},
 * and the connection is closed: what follows them on the wire cannot be told apart from their body,
 * so it is never answered, and never left hanging either.
 */
class FramingErrorTest {
    private static final String NEXT = "GET /directory HTTP/1.1\r\nHost: alto\r\n\r\n";
    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            header line without a colon    | 400 | GET /directory HTTP/1.1\\r\\nHost: alto\\r\\nNoColonHere\\r\\n\\r\\n
            Content-Length and chunked     | 400 | POST /endpointcost/lookup HTTP/1.1\\r\\nHost: alto\\r\\nContent-Length: 5\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n0\\r\\n\\r\\n
            two Content-Lengths            | 400 | POST /endpointcost/lookup HTTP/1.1\\r\\nHost: alto\\r\\nContent-Length: 2\\r\\nContent-Length: 3\\r\\n\\r\\n{}
            a bad chunk size               | 400 | POST /endpointcost/lookup HTTP/1.1\\r\\nHost: alto\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n
            not HTTP at all                | 400 | THIS IS NOT HTTP\\r\\n\\r\\n
            """)
    void isAnsweredWithAnErrorObjectAndClosed(String name, int status, String request) throws Exception {
        assertAnsweredAndClosed(request.replace("\\r\\n", "\r\n"), status);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a header over 8 KB        | 431 | GET /directory HTTP/1.1\\r\\nHost: alto\\r\\nX-Big: %s\\r\\n\\r\\n
            a request line over 4 KB  | 414 | GET /directory?%s HTTP/1.1\\r\\nHost: alto\\r\\n\\r\\n
            """)
    void tooLongIsAnsweredWithAnErrorObjectAndClosed(String name, int status, String request) throws Exception {
        assertAnsweredAndClosed(request.replace("\\r\\n", "\r\n").formatted("a".repeat(9000)), status);
    }

    private static void assertAnsweredAndClosed(String request, int status) throws Exception {
        try (RawHttp client = new RawHttp(fixture.server.address())) {
            RawHttp.Response answer = client.write(request + NEXT).read();
            AnswerBeforeCloseTest.assertClosingError(answer, status, "E_SYNTAX");
            assertThat(client.endsCleanly()).as("closed after the answer, the pipelined request unanswered").isTrue();
        }
        assertThat(fixture.get("/directory").statusCode()).as("the server serves others").isEqualTo(200);
    }
}
