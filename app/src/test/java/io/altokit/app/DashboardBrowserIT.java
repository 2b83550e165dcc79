package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static io.altokit.app.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end: the dashboard at {@code /ui/} of the packaged jar, in a real headless Chromium. The
 * heatmap must show the costs the server serves, cell by cell; an address search the PID the
 * server's endpoint property service gives; the query tester a real answer; the request panel the
 * server's metrics; and the browser's console no error. The window is saved as
 * {@code target/dashboard.png}, which docs/operations.md shows (copied by hand, see there).
 */
class DashboardBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    /** The first and last colours of the heatmap's palette, as the browser reports a fill. */
    private static final String LOWEST_COST_FILL = "rgb(68,1,84)";
    private static final String HIGHEST_COST_FILL = "rgb(253,231,37)";
    private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

    /** The browser for the whole class; the servers (and BIRD) of each test. */
    @RegisterExtension
    static final StartedProcesses started = new StartedProcesses();
    private static HeadlessChromium chromium;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    Path work;

    @BeforeAll
    static void startBrowser(@TempDir Path browserDir) throws Exception {
        chromium = started.add(HeadlessChromium.start(browserDir));
    }

    /** Each test starts from a blank page and an empty console, which is seen to catch errors. */
    @BeforeEach
    void blankPage() {
        chromium.driver().get("about:blank");
        chromium.driver().executeScript("console.error('probe')");
        assertThat(chromium.consoleSinceLastAsked()).as("the console log as read")
                .anyMatch(entry -> entry.getLevel().equals(Level.SEVERE) && entry.getMessage().contains("probe"));
    }

    /** Leaves the dashboard before its server goes (after this), so that its polling ends with it. */
    @AfterEach
    void leaveTheDashboard() {
        chromium.driver().get("about:blank");
    }

    private URI serve(String... args) throws Exception {
        Path log = work.resolve("alto.log");
        return AltoJar.awaitReady(started.add(AltoJar.start(log, args)), log);
    }

    @Test
    void showsTheServedNetworkAndCostsWithoutConsoleErrors() throws Exception {
        URI directory = serve("serve", "--port", "0");
        JsonNode ird = get(directory);
        ChromeDriver page = chromium.driver();
        page.get(directory.resolve("/ui/").toString());

        String drawn = awaitHeatmap(page, 15);
        assertHeatmapShows(page, get(directory.resolve(fullCostMapUri(ird, drawn))));
        choose(page, "cost-type", "ord-hopcount");
        page.findElement(By.cssSelector("#heatmap-controls button")).click();
        eventually("the heatmap redrawn for ord-hopcount", PATIENCE).until(() -> "ord-hopcount".equals(heatmap(page).getDomAttribute("data-cost-type")));
        assertHeatmapShows(page, get(directory.resolve(fullCostMapUri(ird, "ord-hopcount"))));

        assertThat(lookUp(page, "10.6.0.1")).isEqualTo("area-06");
        assertThat(lookUp(page, "2001:db8:c::1")).isEqualTo("area-12");
        assertThat(lookUp(page, "198.51.100.20")).isEqualTo("external");

        choose(page, "query-cost-type", "ord-routingcost");
        page.findElement(By.id("query-build")).click();
        JsonNode request = JSON.readTree(page.findElement(By.id("query-body")).getDomProperty("value"));
        assertThat(request.at("/endpoints/srcs/0").asText()).isEqualTo("ipv4:10.1.2.3");
        page.findElement(By.cssSelector("#query-form button[type=submit]")).click();
        eventually("the query tester's answer", PATIENCE).until(() -> "200".equals(
                page.findElement(By.id("query-status")).getDomAttribute("data-status")));
        JsonNode shown = JSON.readTree(page.findElement(By.id("query-answer")).getText());
        assertThat(shown).isEqualTo(post(directory.resolve("/endpointcost/lookup"), "application/alto-endpointcostparams+json",
                request.toString()));
        assertThat(shown.at("/endpoint-cost-map/ipv4:10.1.2.3/ipv4:10.1.200.7").asInt()).as("rank of a peer in the same PID")
                .isEqualTo(1);

        // The page's own requests show in the request panel once /metrics has been read twice.
        eventually("the filtered cost map's requests counted with a rate", PATIENCE).until(() -> cell(page,
                "#traffic-table tr[data-resource='filtered-cost-map'] td:nth-child(3)").matches("\\d+(\\.\\d+)?"));
        assertThat(page.findElement(By.id("readiness")).getDomAttribute("data-ready")).isEqualTo("true");

        chromium.screenshot(SCREENSHOT);
        assertNoConsoleErrors();
    }

    /**
     * A network of more PIDs than the heatmap shows: the page asks a filtered cost map of the PIDs with
     * the most prefixes, says so, and draws their served costs.
     */
    @Test
    void drawsTheLargestPidsOfABigNetwork() throws Exception {
        int pids = 60;
        int shown = 40;
        Path network = work.resolve("network.yaml");
        Files.writeString(network, networkOf(pids));
        URI directory = serve("serve", "--port", "0", "--config", network.toString());
        ChromeDriver page = chromium.driver();
        page.get(directory.resolve("/ui/").toString());

        String drawn = awaitHeatmap(page, shown);
        // PID i has i + 1 prefixes: the largest 40 are p20 .. p59.
        List<String> expected = IntStream.range(pids - shown, pids).mapToObj(DashboardBrowserIT::pid).toList();
        @SuppressWarnings("unchecked")
        List<String> sources = (List<String>) page.executeScript(
                "return [...new Set([...document.querySelectorAll('#heatmap rect')].map(cell => cell.dataset.src))];");
        assertThat(sources).containsExactlyInAnyOrderElementsOf(expected);
        assertHeatmapShows(page, restrictedTo(get(directory.resolve(fullCostMapUri(get(directory), drawn))), expected));
        // 61 PIDs: the server adds the default PID, holding 0.0.0.0/0 and ::/0.
        assertThat(page.findElement(By.id("heatmap-note")).getText()).startsWith("The 40 of 61 PIDs with the most prefixes");
        assertNoConsoleErrors();
    }

    private static void assertNoConsoleErrors() {
        List<LogEntry> errors = chromium.consoleSinceLastAsked().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertThat(errors).as("errors in the browser's console").isEmpty();
    }

    /**
     * A server fed by BIRD, its dashboard opened on the admin listener: the BGP panel shows the
     * established session with its routes, and the ALTO panels work there too (the admin listener
     * passes the ALTO resources on), an address BGP put into a PID included.
     */
    @Test
    void showsTheBgpSessionOnTheAdminListener() throws Exception {
        Bird.require();
        AltoJar.Served alto = AltoJar.serveOnFreePorts(started, work.resolve("network.yaml"), work.resolve("alto.log"), 2, AdminBgpNetwork::yaml,
                "--port", "0");
        URI admin = URI.create("http://127.0.0.1:" + alto.ports()[1] + "/");
        started.add(Bird.start(work, Bird.routerConfig(alto.ports()[0], "  route 10.11.0.0/16 blackhole { bgp_community.add((65000,101)); };\n")));
        eventually("/ready once BIRD has sent End-of-RIB", PATIENCE).until(() -> http.send(
                HttpRequest.newBuilder(admin.resolve("/ready")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        ChromeDriver page = chromium.driver();
        page.get(admin.resolve("/ui/").toString());

        String peerRow = "#bgp-table tbody tr";
        eventually("the BGP session in the panel", PATIENCE).until(() -> cell(page, peerRow + " td:nth-child(2)").equals("established"));
        assertThat(cell(page, peerRow + " td:nth-child(1)")).isEqualTo(BgpSection.PEER_ADDRESS);
        assertThat(cell(page, peerRow + " td:nth-child(3)")).as("the IPv4 route and BIRD's IPv6 one").isEqualTo("2");
        awaitHeatmap(page, 2);
        assertThat(lookUp(page, "10.11.7.1")).as("an address of a route BGP put into area-01").isEqualTo("area-01");
        assertNoConsoleErrors();
    }

    private static String pid(int i) {
        return "p%02d".formatted(i);
    }

    /** PID i holds i + 1 prefixes of /24; the hop count from i to j is |i - j|. */
    private static String networkOf(int pids) {
        StringBuilder yaml = new StringBuilder("network-map:\n");
        for (int i = 0; i < pids; i++) {
            int pid = i;
            yaml.append("  ").append(pid(i)).append(": { ipv4: [").append(IntStream.rangeClosed(0, i)
                    .mapToObj(j -> "10.%d.%d.0/24".formatted(pid, j)).collect(Collectors.joining(", "))).append("] }\n");
        }
        yaml.append("costs:\n  hopcount:\n");
        for (int i = 0; i < pids; i++) {
            int from = i;
            yaml.append("    ").append(pid(i)).append(": { ").append(IntStream.range(0, pids)
                    .mapToObj(j -> pid(j) + ": " + Math.abs(from - j)).collect(Collectors.joining(", "))).append(" }\n");
        }
        return yaml.toString();
    }

    /** A cost map with only the rows and columns of {@code pids}. */
    private static JsonNode restrictedTo(JsonNode costMap, List<String> pids) {
        ObjectNode rows = JSON.createObjectNode();
        for (String src : pids) {
            ObjectNode row = rows.putObject(src);
            pids.forEach(dst -> row.set(dst, costMap.get("cost-map").get(src).get(dst)));
        }
        ObjectNode restricted = JSON.createObjectNode();
        restricted.set("cost-map", rows);
        return restricted;
    }

    /** Waits until the heatmap shows {@code pids} x {@code pids} cells and returns the cost type name drawn. */
    private static String awaitHeatmap(WebDriver page, int pids) {
        eventually("a heatmap of " + pids + " PIDs", PATIENCE).until(() ->
                page.findElements(By.cssSelector("#heatmap rect")).size() == pids * pids);
        return heatmap(page).getDomAttribute("data-cost-type");
    }

    private static WebElement heatmap(WebDriver page) {
        return page.findElement(By.id("heatmap"));
    }

    /**
     * Every cell carries the served cost of its PID pair, the tooltip says it, and the lowest and
     * highest costs have the palette's two ends.
     */
    @SuppressWarnings("unchecked")
    private static void assertHeatmapShows(ChromeDriver page, JsonNode servedMap) {
        JsonNode served = servedMap.get("cost-map");
        List<List<String>> cells = (List<List<String>>) page.executeScript("""
                return [...document.querySelectorAll('#heatmap rect')]
                  .map(cell => [cell.dataset.src, cell.dataset.dst, cell.dataset.cost, cell.getAttribute('fill'),
                                cell.querySelector('title').textContent]);""");
        double lowest = StreamSupport.stream(served.spliterator(), false)
                .flatMap(row -> StreamSupport.stream(row.spliterator(), false)).mapToDouble(JsonNode::asDouble).min().orElseThrow();
        double highest = StreamSupport.stream(served.spliterator(), false)
                .flatMap(row -> StreamSupport.stream(row.spliterator(), false)).mapToDouble(JsonNode::asDouble).max().orElseThrow();
        assertThat(cells).hasSize(served.size() * served.size());
        for (List<String> cell : cells) {
            String src = cell.get(0);
            String dst = cell.get(1);
            double cost = served.get(src).get(dst).asDouble();
            assertThat(Double.parseDouble(cell.get(2))).as("cost %s -> %s", src, dst).isEqualTo(cost);
            assertThat(cell.get(4)).isEqualTo(src + " → " + dst + ": " + cell.get(2));
            if (cost == lowest) {
                assertThat(cell.get(3)).as("fill of the lowest cost").isEqualTo(LOWEST_COST_FILL);
            }
            if (cost == highest) {
                assertThat(cell.get(3)).as("fill of the highest cost").isEqualTo(HIGHEST_COST_FILL);
            }
        }
    }

    /** Searches {@code address} on the page and returns the PID it shows. */
    private static String lookUp(WebDriver page, String address) {
        WebElement input = page.findElement(By.id("address"));
        input.clear();
        input.sendKeys(address);
        page.findElement(By.cssSelector("#address-search button")).click();
        WebElement result = page.findElement(By.id("address-result"));
        eventually("the PID of " + address, PATIENCE).until(() -> result.getText().startsWith(address.contains(":")
                ? "ipv6:" + address : "ipv4:" + address));
        return result.getDomAttribute("data-pid");
    }

    private static void choose(WebDriver page, String select, String value) {
        page.findElement(By.cssSelector("#" + select + " option[value='" + value + "']")).click();
    }

    private static String cell(WebDriver page, String selector) {
        return page.findElements(By.cssSelector(selector)).stream().findFirst().map(WebElement::getText).orElse("");
    }

    /** The URI the directory gives the full cost map of one cost type. */
    private static String fullCostMapUri(JsonNode ird, String costTypeName) {
        Optional<JsonNode> entry = StreamSupport.stream(ird.get("resources").spliterator(), false)
                .filter(resource -> resource.get("media-type").asText().equals("application/alto-costmap+json"))
                .filter(resource -> !resource.has("accepts"))
                .filter(resource -> resource.at("/capabilities/cost-type-names/0").asText().equals(costTypeName))
                .findFirst();
        assertThat(entry).as("a full cost map of " + costTypeName + " in the directory").isPresent();
        return entry.get().get("uri").asText();
    }

    private JsonNode post(URI uri, String contentType, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST " + uri).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + uri).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
