package io.altokit.server.protection.budget;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.altokit.core.time.ThrottledWarning;
import io.altokit.model.AddressType;
import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.CostMapFilter;
import io.altokit.model.EndpointCostRequest;
import io.altokit.model.EndpointCostScan;
import io.altokit.model.ErrorCode;
import io.altokit.model.EndpointPropertyRequest;
import io.altokit.model.NetworkMapFilter;
import io.altokit.model.PropertyMapRequest;
import io.altokit.model.QueryBody;
import io.altokit.model.TipsRequest;
import io.altokit.model.TypedAddress;
import io.altokit.model.UpdateStreamRequest;
import io.altokit.server.http.Reply;
import io.altokit.server.protection.Call;
import io.altokit.server.protection.Guard;
import io.altokit.server.protection.Verdict;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A budget of distinct endpoint addresses per caller and time window, against reconstructing the
 * operator's topology by asking about the whole address space. Counts the addresses a caller
 * ({@link io.altokit.server.protection.Caller#budgetKey()}) names as sources and destinations to
 * the endpoint cost and endpoint property services and the filtered property map (an address, or
 * the first address of a prefix), in the request record the service parsed
 * ({@link Call#query()}, shared with the service) — also when the request comes as the input of an
 * update stream's substream (opening the stream or through its control URI) or of a TIPS view, parsed
 * as the named service parses it ({@link Call#inputs()}); naming an address again costs nothing. A
 * request that would take the caller past its budget is refused with 403, an error object and
 * Retry-After at the end of the caller's window (a stream or view request as a whole), and the
 * first refusal in a window is logged at WARN — at most once per {@link #SCAN_LOG_INTERVAL} over all callers, since anyone with many source
 * addresses could otherwise write a line per address. Malformed requests pass untouched: their resource answers them with its precise error.
 *
 * <p>Memory is bounded: at most {@code maxCallers} callers are tracked (the least recently seen
 * are forgotten first), each with at most its budget of 64-bit fingerprints (8 to 16 bytes each).
 * Fingerprints are keyed with a per-process random seed, so nobody can choose addresses that
 * collide to go uncounted.
 */
public final class EndpointBudget implements Guard {
    private static final Logger LOG = LoggerFactory.getLogger(EndpointBudget.class);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    static final Duration SCAN_LOG_INTERVAL = Duration.ofSeconds(10);

    /**
     * @param distinctEndpoints the most distinct addresses one caller may name within a window
     * @param window            how long a caller's count lasts, from its first counted request
     * @param maxCallers        how many callers' counts are kept at most
     */
    public record Settings(int distinctEndpoints, Duration window, int maxCallers) {
        public static final int DEFAULT_MAX_CALLERS = 10_000;

        public Settings {
            if (distinctEndpoints < 1) {
                throw new IllegalArgumentException("distinct-endpoints must be at least 1, got " + distinctEndpoints);
            }
            if (window.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("window must be at least 1 second, got " + window);
            }
            if (maxCallers < 1) {
                throw new IllegalArgumentException("max-callers must be at least 1, got " + maxCallers);
            }
        }
    }

    private final Settings settings;
    private final long windowNanos;
    private final Ticker ticker;
    private final long seed = new SecureRandom().nextLong();
    private final Cache<String, Window> windows;
    private final ThrottledWarning scans;

    public EndpointBudget(Settings settings) {
        this(settings, Ticker.systemTicker());
    }

    EndpointBudget(Settings settings, Ticker ticker) {
        this.settings = settings;
        this.windowNanos = settings.window().toNanos();
        this.ticker = ticker;
        this.scans = new ThrottledWarning(SCAN_LOG_INTERVAL, ticker::read);
        this.windows = Caffeine.newBuilder()
                .maximumSize(settings.maxCallers())
                // A caller silent for a whole window would start afresh anyway.
                .expireAfterAccess(settings.window())
                .ticker(ticker)
                .build();
    }

    @Override
    public Verdict check(Call call) {
        if (!call.request().method().equals("POST")) {
            return Verdict.pass(call);
        }
        Optional<long[]> endpoints;
        try {
            endpoints = call.query().parsed().flatMap(query -> fingerprints(query, call.inputs()));
        } catch (AltoException malformed) {
            return Verdict.pass(call);
        }
        if (endpoints.isEmpty()) {
            return Verdict.pass(call); // not a service taking endpoints
        }
        long[] named = endpoints.get();
        String key = call.caller().budgetKey();
        Window window = windows.get(key, k -> new Window());
        long retryAfterNanos = window.admit(key, named, ticker.read());
        if (retryAfterNanos == 0) {
            return Verdict.pass(call);
        }
        long seconds = Math.max(1, (retryAfterNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        Reply refusal = Reply.error(403, AltoError.of(ErrorCode.E_FORBIDDEN));
        return Verdict.refuse(new Reply(refusal.status(), refusal.mediaType(), refusal.body(),
                Map.of("Retry-After", Long.toString(seconds))), "endpoint_budget");
    }

    /**
     * The fingerprints of the addresses an endpoint request names, sources then destinations, also
     * when it comes as the input of update stream substreams or of a TIPS view (parsed by the
     * resource it names, through {@code inputs}); empty for other requests.
     */
    private Optional<long[]> fingerprints(QueryBody query, Call.Inputs inputs) {
        return switch (query) {
            case EndpointCostScan scan -> Optional.of(fingerprints(scan));
            case EndpointCostRequest request -> {
                long[] srcs = fingerprints(request.srcs());
                long[] dsts = fingerprints(request.dsts());
                long[] both = Arrays.copyOf(srcs, srcs.length + dsts.length);
                System.arraycopy(dsts, 0, both, srcs.length, dsts.length);
                yield Optional.of(both);
            }
            case EndpointPropertyRequest request -> Optional.of(fingerprints(request.endpoints()));
            case PropertyMapRequest request -> Optional.of(fingerprints(request.addresses()));
            case CostMapFilter filter -> Optional.empty();
            case NetworkMapFilter filter -> Optional.empty();
            case UpdateStreamRequest streams -> concatenated(streams.add().values().stream()
                    .map(add -> input(add.resourceId(), add.input(), inputs)).flatMap(Optional::stream).toList());
            case TipsRequest view -> input(view.resourceId(), view.input(), inputs);
        };
    }

    /** What the input handed to {@code resourceId} names; inputs hand nothing further on. */
    private Optional<long[]> input(String resourceId, Optional<byte[]> input, Call.Inputs inputs) {
        return input.flatMap(body -> inputs.query(resourceId, body))
                .flatMap(query -> query.parsed().flatMap(parsed -> fingerprints(parsed, Call.Inputs.NONE)));
    }

    /** All of {@code named} in one array; empty when there is none. */
    private static Optional<long[]> concatenated(List<long[]> named) {
        if (named.isEmpty()) {
            return Optional.empty();
        }
        long[] all = new long[named.stream().mapToInt(part -> part.length).sum()];
        int at = 0;
        for (long[] part : named) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return Optional.of(all);
    }

    private long[] fingerprints(EndpointCostScan scan) {
        EndpointCostScan.Endpoints srcs = scan.srcs();
        EndpointCostScan.Endpoints dsts = scan.dsts();
        long[] named = new long[srcs.size() + dsts.size()];
        for (int i = 0; i < srcs.size(); i++) {
            named[i] = fingerprint(srcs.type(i), srcs.high(i), srcs.low(i));
        }
        for (int i = 0; i < dsts.size(); i++) {
            named[srcs.size() + i] = fingerprint(dsts.type(i), dsts.high(i), dsts.low(i));
        }
        return named;
    }

    private long[] fingerprints(List<TypedAddress> endpoints) {
        long[] named = new long[endpoints.size()];
        for (int i = 0; i < named.length; i++) {
            TypedAddress endpoint = endpoints.get(i);
            named[i] = fingerprint(endpoint.type(), endpoint.high(), endpoint.low());
        }
        return named;
    }

    /** A keyed 64-bit hash of the address (SplitMix64 finalizer rounds over the seeded halves). */
    private long fingerprint(AddressType type, long high, long low) {
        long hash = mix(seed ^ high);
        hash = mix(hash ^ low);
        return mix(hash ^ type.ordinal());
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** One caller's count in its current window. */
    private final class Window {
        private long start;
        private FingerprintSet seen;
        private boolean reported;

        /** Adds the request's new addresses if they fit the budget; else the nanoseconds until the window ends. */
        synchronized long admit(String key, long[] named, long now) {
            if (seen == null || now - start >= windowNanos) {
                start = now;
                seen = new FingerprintSet();
                reported = false;
            }
            long[] fresh = freshDistinct(named);
            if (seen.size() + fresh.length <= settings.distinctEndpoints()) {
                for (long fingerprint : fresh) {
                    seen.add(fingerprint);
                }
                return 0;
            }
            if (!reported) {
                reported = true;
                scans.occurred().ifPresent(callers -> LOG.atWarn().addKeyValue("caller", key)
                        .addKeyValue("budget", settings.distinctEndpoints()).addKeyValue("callers", callers)
                        .log("possible topology scan by {}: a request naming {} new endpoints would exceed its "
                                        + "budget of {} distinct endpoints per {} ({} used); refused until the window ends "
                                        + "({} callers went over their budget since the last such warning)",
                                key, fresh.length, settings.distinctEndpoints(), settings.window(), seen.size(), callers));
            }
            return Math.max(1, start + windowNanos - now);
        }

        private long[] freshDistinct(long[] named) {
            long[] sorted = named.clone();
            Arrays.sort(sorted);
            int count = 0;
            for (int i = 0; i < sorted.length; i++) {
                if ((i == 0 || sorted[i] != sorted[i - 1]) && !seen.contains(sorted[i])) {
                    sorted[count++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, count);
        }
    }
}
