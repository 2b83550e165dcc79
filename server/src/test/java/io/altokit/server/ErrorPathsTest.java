package io.altokit.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.model.MediaTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static io.altokit.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed request gets the right status and, for ALTO-layer errors, the RFC 7285 error object. */
class ErrorPathsTest {
    private static final int MAX_BODY = 4096;
    private static final int MAX_ENDPOINTS = 20;
    private static ServerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(new ServerConfig("127.0.0.1", 0, 1, MAX_BODY, MAX_ENDPOINTS,
                ServerConfig.DEFAULT_NETWORK_MAP_ID, false, 0, 0, false));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static void assertAltoError(HttpResponse<byte[]> response, int status, String code, String field) throws Exception {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).contains(MediaTypes.ERROR);
        JsonNode meta = json(response).get("meta");
        assertThat(meta.get("code").asText()).isEqualTo(code);
        if (field != null) {
            assertThat(meta.get("field").asText()).isEqualTo(field);
        }
    }

    @Test
    void unknownResourceIs404() throws Exception {
        HttpResponse<byte[]> response = fixture.get("/nothing-here");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).contains("/directory");
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        HttpResponse<byte[]> post = fixture.post("/networkmap", MediaTypes.NETWORK_MAP_FILTER, "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        HttpResponse<byte[]> get = fixture.get("/endpointcost/lookup");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");
        HttpResponse<byte[]> delete = fixture.send(HttpRequest.newBuilder(fixture.uri("/directory")).DELETE());
        assertThat(delete.statusCode()).isEqualTo(405);
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        assertThat(fixture.post("/endpointcost/lookup", "application/json", "{}").statusCode()).isEqualTo(415);
        assertThat(fixture.post("/endpointcost/lookup", MediaTypes.COST_MAP_FILTER, "{}").statusCode()).isEqualTo(415);
        HttpResponse<byte[]> none = fixture.send(HttpRequest.newBuilder(fixture.uri("/costmap/filtered"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(none.statusCode()).isEqualTo(415);
        // Parameters such as charset do not change the media type.
        assertThat(fixture.post("/networkmap/filtered", MediaTypes.NETWORK_MAP_FILTER + "; charset=utf-8",
                "{'pids': []}").statusCode()).isEqualTo(200);
    }

    @Test
    void unacceptableAcceptIs406() throws Exception {
        assertThat(fixture.get("/networkmap", "Accept", "text/html").statusCode()).isEqualTo(406);
        assertThat(fixture.get("/networkmap", "Accept", MediaTypes.NETWORK_MAP + ";q=0, text/html").statusCode()).isEqualTo(406);
        assertThat(fixture.get("/networkmap", "Accept", MediaTypes.NETWORK_MAP + "," + MediaTypes.ERROR).statusCode()).isEqualTo(200);
        assertThat(fixture.get("/networkmap", "Accept", "application/*").statusCode()).isEqualTo(200);
        assertThat(fixture.get("/networkmap", "Accept", "*/*").statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /endpointcost/lookup  | application/alto-endpointcostparams+json | {broken                                                             | E_SYNTAX              |
            /endpointcost/lookup  | application/alto-endpointcostparams+json | {'endpoints': {'dsts': []}}                                         | E_MISSING_FIELD       | cost-type
            /endpointcost/lookup  | application/alto-endpointcostparams+json | {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 7}, 'endpoints': {'dsts': []}} | E_INVALID_FIELD_TYPE | cost-type/cost-metric
            /endpointcost/lookup  | application/alto-endpointcostparams+json | {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'bandwidth'}, 'endpoints': {'dsts': []}} | E_INVALID_FIELD_VALUE | cost-type/cost-metric
            /endpointcost/lookup  | application/alto-endpointcostparams+json | {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': ['ipv4:10.0.0.256']}} | E_INVALID_FIELD_VALUE | endpoints/dsts
            /endpointcost/lookup  | application/alto-endpointcostparams+json | {'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': ['mac:00:11:22:33:44:55']}} | E_INVALID_FIELD_VALUE | endpoints/dsts
            /costmap/filtered     | application/alto-costmapfilter+json      | {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'priv:unknown'}} | E_INVALID_FIELD_VALUE | cost-type/cost-metric
            /costmap/filtered     | application/alto-costmapfilter+json      | {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'hopcount'}, 'pids': {'srcs': ['bad pid!'], 'dsts': []}} | E_INVALID_FIELD_VALUE | pids/srcs
            /costmap/filtered     | application/alto-costmapfilter+json      | {'cost-type': {'cost-mode': 'numerical', 'cost-metric': 'hopcount'}, 'constraints': ['lt'] } | E_INVALID_FIELD_VALUE | constraints
            /networkmap/filtered  | application/alto-networkmapfilter+json   | {'pids': 'a'}                                                       | E_INVALID_FIELD_TYPE  | pids
            /networkmap/filtered  | application/alto-networkmapfilter+json   | []                                                                  | E_SYNTAX              |
            /endpointprop/lookup  | application/alto-endpointpropparams+json | {'properties': ['default-network-map.pid']}                         | E_MISSING_FIELD       | endpoints
            /endpointprop/lookup  | application/alto-endpointpropparams+json | {'properties': ['other-map.pid'], 'endpoints': ['ipv4:10.1.0.1']}   | E_INVALID_FIELD_VALUE | properties
            """)
    void badInputGetsTheRfcErrorObject(String path, String contentType, String body, String code, String field) throws Exception {
        assertAltoError(fixture.post(path, contentType, body), 400, code, field);
    }

    @Test
    void tooManyEndpointsIsRefused() throws Exception {
        StringBuilder dsts = new StringBuilder();
        for (int i = 0; i <= MAX_ENDPOINTS; i++) {
            dsts.append(i == 0 ? "" : ",").append("'ipv4:10.1.0.").append(i).append("'");
        }
        assertAltoError(fixture.post("/endpointcost/lookup", MediaTypes.ENDPOINT_COST_PARAMS,
                "{'cost-type': {'cost-mode': 'ordinal', 'cost-metric': 'routingcost'}, 'endpoints': {'dsts': [" + dsts + "]}}"),
                400, "E_INVALID_FIELD_VALUE", "endpoints");
        assertAltoError(fixture.post("/endpointprop/lookup", MediaTypes.ENDPOINT_PROP_PARAMS,
                "{'properties': ['default-network-map.pid'], 'endpoints': [" + dsts + "]}"),
                400, "E_INVALID_FIELD_VALUE", "endpoints");
    }

    @Test
    void oversizedBodyIs413WithErrorObject() throws Exception {
        String huge = "{'pids': ['" + "a".repeat(MAX_BODY) + "']}";
        HttpResponse<byte[]> response = fixture.post("/networkmap/filtered", MediaTypes.NETWORK_MAP_FILTER, huge);
        assertAltoError(response, 413, "E_SYNTAX", null);
        assertThat(json(response).at("/meta/syntax-error").asText()).contains(String.valueOf(MAX_BODY));
        // The server is still fine afterwards.
        assertThat(fixture.get("/directory").statusCode()).isEqualTo(200);
    }

    @Test
    void garbageOnTheWireIsAnsweredNotCrashed() throws Exception {
        try (Socket socket = new Socket(fixture.server.address().getAddress(), fixture.server.address().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("THIS IS NOT HTTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).startsWith("HTTP/1.").contains("400");
        }
        assertThat(fixture.get("/directory").statusCode()).isEqualTo(200);
    }
}
