package io.altokit.server.ops;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The server's Prometheus metrics, in one registry that the wiring adds its own to (snapshot, BGP,
 * reloads): every answer by resource, method and status, its latency and body bytes per resource,
 * and the protection layer's refusals by reason; the JVM's own metrics too. Counting an answer
 * costs a map lookup and two or three atomic adds: every data point is resolved once and kept.
 */
public final class ServerMetrics {
    public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
    /** The resource label of answers no resource gave: unknown paths, framing errors, sheds before dispatch. */
    public static final String NO_RESOURCE = "none";
    /** Methods are labelled by these names, any other as {@code other}: a client cannot grow the label set. */
    private static final String[] METHODS = {"GET", "HEAD", "POST", "other"};
    /**
     * The refusals the protection layer's guards give, by status and reason: exposed at 0 from the
     * start, so that dashboards and alerts see the series before the first refusal.
     */
    private static final Map<String, List<String>> KNOWN_REFUSALS = Map.of(
            "401", List.of("no_credentials", "bad_credentials"),
            "403", List.of("no_rule", "not_granted", "withheld", "endpoint_budget"),
            "429", List.of("rate_limit", "failed_logins"));
    private static final int FIRST_STATUS = 100;
    private static final int STATUSES = 500;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;
    private final Counter bytes;
    private final Counter refusals;
    private final ConcurrentMap<String, ResourceSeries> byResource = new ConcurrentHashMap<>();

    private ServerMetrics(boolean jvm) {
        requests = Counter.builder().name("alto_http_requests_total").labelNames("resource", "method", "status")
                .help("HTTP answers by resource id (none: no resource answered), method and status; 503 counts shed requests")
                .register(registry);
        duration = Histogram.builder().name("alto_http_request_duration_seconds").unit(Unit.SECONDS).labelNames("resource")
                .help("Time from a request's head being read to its answer's head being written, by resource id")
                .classicOnly()
                .classicUpperBounds(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
                .register(registry);
        bytes = Counter.builder().name("alto_http_response_body_bytes_total").unit(Unit.BYTES).labelNames("resource")
                .help("Response body bytes as sent (after content coding), by resource id")
                .register(registry);
        refusals = Counter.builder().name("alto_http_refusals_total").labelNames("status", "reason")
                .help("Requests the protection layer refused (401, 403, 429), by status and reason")
                .register(registry);
        KNOWN_REFUSALS.forEach((status, reasons) -> reasons.forEach(reason -> refusals.labelValues(status, reason)));
        if (jvm) {
            JvmMetrics.builder().register(registry);
        }
    }

    /** Request metrics and the JVM's. */
    public static ServerMetrics create() {
        return new ServerMetrics(true);
    }

    /** Request metrics only: for servers sharing a JVM (tests, benchmarks), where JVM metrics would be counted twice. */
    public static ServerMetrics withoutJvm() {
        return new ServerMetrics(false);
    }

    /** Where further metrics are registered (and what {@link #text} exposes). */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** One answer: {@code resource} is a resource id or {@link #NO_RESOURCE}; {@code nanos} from request head to answer head. */
    public void answered(String resource, String method, int status, long bodyBytes, long nanos) {
        ResourceSeries series = byResource.get(resource);
        if (series == null) {
            series = byResource.computeIfAbsent(resource, ResourceSeries::new);
        }
        series.count(methodIndex(method), status);
        series.duration.observe(nanos / 1e9);
        if (bodyBytes > 0) {
            series.bytes.inc(bodyBytes);
        }
    }

    /** A refusal by the protection layer, {@code reason} one of a fixed few words (see {@code Verdict.Refuse}). */
    public void refused(int status, String reason) {
        refusals.labelValues(Integer.toString(status), reason).inc();
    }

    /** The registry in the Prometheus text exposition format. */
    public byte[] text() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static int methodIndex(String method) {
        for (int i = 0; i < METHODS.length - 1; i++) {
            if (METHODS[i].equals(method)) {
                return i;
            }
        }
        return METHODS.length - 1;
    }

    /** One resource's data points: its duration and bytes, and its request counter per method and status, made when first used. */
    private final class ResourceSeries {
        private final String resource;
        private final DistributionDataPoint duration;
        private final CounterDataPoint bytes;
        private final AtomicReferenceArray<CounterDataPoint> counts = new AtomicReferenceArray<>(METHODS.length * STATUSES);

        ResourceSeries(String resource) {
            this.resource = resource;
            this.duration = ServerMetrics.this.duration.labelValues(resource);
            this.bytes = ServerMetrics.this.bytes.labelValues(resource);
        }

        void count(int method, int status) {
            int code = status >= FIRST_STATUS && status < FIRST_STATUS + STATUSES ? status - FIRST_STATUS : STATUSES - 1;
            int slot = method * STATUSES + code;
            CounterDataPoint point = counts.get(slot);
            if (point == null) {
                // Racing threads resolve the same data point: the client keeps one per label set.
                point = requests.labelValues(resource, METHODS[method], Integer.toString(code + FIRST_STATUS));
                counts.set(slot, point);
            }
            point.inc();
        }
    }
}
