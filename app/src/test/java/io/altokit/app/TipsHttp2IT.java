package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 9569 TIPS over HTTP/2 with a client we did not write: nghttp (Debian {@code nghttp2-client})
 * against {@code alto serve} with TLS (ALPN h2), as the packaged jar. It opens a view of the cost
 * map, fetches its snapshot edge, long-polls the next edge, and the poll completes with a merge
 * patch when an edit of the network file is published; the snapshot patched equals a fresh GET.
 */
class TipsHttp2IT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COST_MAP = "application/alto-costmap+json";
    @TempDir
    static Path pki;
    private static TestPki.Identity serverIdentity;

    @TempDir
    Path directory;
    @RegisterExtension
    final StartedProcesses started = new StartedProcesses();

    /** One nghttp run: its exit status, the body it printed, and the response's status and content type (from its HAR). */
    record Nghttp(int exit, String body, int status, String contentType) {
        JsonValue json() {
            return Json.createReader(new StringReader(body)).readValue();
        }
    }

    @BeforeAll
    static void prepare() throws Exception {
        SystemTools.requirePackage("nghttp2-client", "nghttp (an HTTP/2 client)", "nghttp", "h2load");
        TestPki ca = new TestPki(pki);
        serverIdentity = ca.server(ca.authority("server-ca"), "alto-server");
    }

    @Test
    void nghttpOpensAViewFetchesItsEdgesAndALongPollCompletesOnAChange() throws Exception {
        Path config = directory.resolve("network.yaml");
        write(config, network(10));
        Path log = directory.resolve("alto.log");
        Process server = AltoJar.start(log, "serve", "--config", config.toString(), "--port", "0");
        started.add(server);
        URI directoryUri = AltoJar.awaitReady(server, log);
        assertThat(directoryUri.getScheme()).isEqualTo("https");
        String costMapUri = JSON.readTree(fetch(directoryUri).body()).at("/resources/costmap-num-routingcost/uri").asText();

        Path params = directory.resolve("params.json");
        Files.writeString(params, "{\"resource-id\":\"costmap-num-routingcost\"}");
        Nghttp opened = nghttp(directoryUri.resolve("/tips"), "-d", params.toString(),
                "-H", "content-type: application/alto-tipsparams+json", "-H", "accept: application/alto-tips+json");
        assertThat(opened.status()).as(opened.body()).isEqualTo(200);
        assertThat(opened.contentType()).isEqualTo("application/alto-tips+json");
        JsonNode view = JSON.readTree(opened.body());
        String viewUri = view.path("tips-view-uri").asText();
        JsonNode summary = view.at("/tips-view-summary/updates-graph-summary");
        long end = summary.path("end-seq").asLong();
        assertThat(summary.at("/start-edge-rec/seq-i").asLong()).isZero();
        assertThat(summary.at("/start-edge-rec/seq-j").asLong()).isEqualTo(end);

        Nghttp snapshot = nghttp(directoryUri.resolve(viewUri + "/ug/0/" + end), "-H", "accept: " + COST_MAP);
        assertThat(snapshot.status()).isEqualTo(200);
        assertThat(snapshot.contentType()).isEqualTo(COST_MAP);
        assertThat(snapshot.json()).isEqualTo(fetch(directoryUri.resolve(costMapUri)).json());

        URI next = directoryUri.resolve(viewUri + "/ug/" + end + "/" + (end + 1));
        Path har = Files.createTempFile(directory, "poll", ".har");
        Process poll = new ProcessBuilder("nghttp", "-y", "-r", har.toString(), "-H",
                "accept: " + COST_MAP + ",application/merge-patch+json,application/json-patch+json,application/alto-error+json",
                next.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(poll);
        assertThat(fetch(directoryUri).status()).as("the server answers others meanwhile").isEqualTo(200);
        assertThat(poll.isAlive()).as("the long poll waits: nothing was published").isTrue();

        write(config, network(7));
        assertThat(poll.waitFor(25, TimeUnit.SECONDS)).as("the long poll completes once the edit is published").isTrue();
        Nghttp patch = finished(poll, har);
        assertThat(patch.exit()).isZero();
        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.contentType()).as("one cell: the JSON patch is the smaller").isEqualTo("application/json-patch+json");
        assertThat(patch.body()).contains("{\"op\":\"replace\",\"path\":\"/cost-map/area-01/area-02\",\"value\":7}");
        JsonValue patched = Json.createPatch(Json.createReader(new StringReader(patch.body())).readArray())
                .apply(snapshot.json().asJsonObject());
        assertThat(patched).isEqualTo(fetch(directoryUri.resolve(costMapUri)).json());
    }

    /** The minimal example network with routingcost area-01 -> area-02 of {@code cost}, served over TLS. */
    private static String network(int cost) throws Exception {
        return Files.readString(Path.of("..", "examples", "minimal.yaml"))
                .replace("area-01: { area-01: 1, area-02: 10 }", "area-01: { area-01: 1, area-02: " + cost + " }")
                + "tls: { certificate: %s, private-key: %s }\n".formatted(serverIdentity.certificate(), serverIdentity.key());
    }

    /** Replaces the file by rename, so the server never reads half of it. */
    private static void write(Path file, String content) throws Exception {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, content);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Nghttp fetch(URI uri) throws Exception {
        return nghttp(uri);
    }

    /** {@code nghttp -y OPTIONS... uri} (HTTP/2 only: it fails without ALPN h2), bounded to 30 s. */
    private Nghttp nghttp(URI uri, String... options) throws Exception {
        Path har = Files.createTempFile(directory, "nghttp", ".har");
        List<String> command = new ArrayList<>(List.of("nghttp", "-y", "-r", har.toString()));
        command.addAll(List.of(options));
        command.add(uri.toString());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        started.add(process);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("nghttp finished").isTrue();
        return finished(process, har);
    }

    private static Nghttp finished(Process process, Path har) throws Exception {
        String body = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode response = JSON.readTree(Files.readString(har)).at("/log/entries/0/response");
        String contentType = "";
        for (JsonNode header : response.path("headers")) {
            if (header.path("name").asText().equalsIgnoreCase("content-type")) {
                contentType = header.path("value").asText();
            }
        }
        return new Nghttp(process.exitValue(), body, response.path("status").asInt(), contentType);
    }
}
