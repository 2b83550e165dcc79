package io.altokit.client;

import io.altokit.core.time.Scheduler;
import io.altokit.model.AltoError;
import io.altokit.model.AltoException;
import io.altokit.model.CostMapFilter;
import io.altokit.model.CostMapResponse;
import io.altokit.model.CostSelection;
import io.altokit.model.CostType;
import io.altokit.model.Directory;
import io.altokit.model.EndpointCostRequest;
import io.altokit.model.EndpointPropertyRequest;
import io.altokit.model.EndpointPropertyResponse;
import io.altokit.model.MediaTypes;
import io.altokit.model.MultiCostMapResponse;
import io.altokit.model.NetworkMapFilter;
import io.altokit.model.NetworkMapResponse;
import io.altokit.model.PropertyMapRequest;
import io.altokit.model.PropertyMapResponse;
import io.altokit.model.RequestEncoder;
import io.altokit.model.ResponseDecoder;
import io.altokit.model.VersionTag;
import io.altokit.model.signing.HttpFields;
import io.altokit.model.signing.PemKeys;
import io.altokit.model.signing.RequestBinding;
import io.altokit.model.signing.SignatureVerifier;
import io.altokit.model.signing.VerificationResult;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * An ALTO client (RFC 7285) bootstrapped from one information resource directory (IRD).
 *
 * <pre>{@code
 * try (AltoClient alto = AltoClient.builder(URI.create("http://alto.example:8181/directory")).build()) {
 *     NetworkMapResponse map = alto.networkMap();
 *     CostMapResponse costs = alto.costMap(new CostType("routingcost", CostMode.NUMERICAL));
 * }
 * }</pre>
 *
 * <p>The directory is fetched on first use and kept; {@link #refreshDirectory()} revalidates it.
 * Full maps (and the directory) are cached with their ETag and revalidated on every call with
 * If-None-Match: an unchanged map costs a 304 and returns the very same object. A cost map is
 * checked against the network map it depends on (RFC 7285 11.2.3.6): if its dependent vtag names
 * another version than the client holds, the network map is revalidated once and a persisting
 * mismatch fails with {@link AltoProtocolException.Problem#VTAG_MISMATCH}.
 *
 * <p>{@link #subscribe} follows resources through the server's update service instead of polling
 * them: RFC 8895 server-sent events or RFC 9569 TIPS, whichever the directory offers.
 *
 * <p>Every failure is an {@link AltoClientException}; RFC 7285 guidance is advisory, so callers
 * normally fall back to unranked choices. Requests have timeouts, overload (503 + Retry-After) is
 * honoured, and 4xx answers are never retried (see {@link Builder}).
 *
 * <p>With {@link Builder#verifySignatures(PublicKey)}, every successful answer must carry a valid
 * RFC 9421 signature by a trusted key over a Content-Digest that matches its body, and the answer to
 * a query must be bound to that query; anything else fails with {@link AltoSignatureException}
 * (never retried). 304s need none: they confirm an answer verified when it arrived.
 *
 * <p><b>Thread-safe.</b> One instance can and should be shared: the underlying {@link HttpClient}
 * is thread-safe, the cache is a concurrent map of immutable entries and the directory a volatile
 * reference. Concurrent calls for the same map may each fetch it; the last answer wins the cache.
 */
public final class AltoClient implements AutoCloseable {
    private final URI directoryUri;
    private final Transport transport;
    private final Optional<HttpClient> owned;
    private final Optional<SignatureVerifier> verifier;
    private final Supplier<Optional<String>> authorization;
    private final Duration requestTimeout;
    private final Backoff backoff;
    /** Runs the resubscriptions of update subscriptions after their backoff. */
    private final Scheduler scheduler;
    /** The scheduler's thread when the client made its own (and so shuts it down). */
    private final Optional<ScheduledExecutorService> ownScheduler;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    /**
     * The directory request also takes any other type at low preference, so that a URI naming another
     * resource by mistake (.../networkmap) is answered with what it is rather than a 406.
     */
    private static final String DIRECTORY_OR_ANYTHING = accept(MediaTypes.DIRECTORY) + ",*/*;q=0.1";
    /** Cached full representations by URI: the ETag that validates them and the decoded value. */
    private final Map<URI, Cached> cache = new ConcurrentHashMap<>();
    private volatile Directory directory;

    private final LongAdder notModified = new LongAdder();

    private record Cached(String etag, Object value) {
    }

    /**
     * Counters since the client was built: HTTP attempts sent, of them retries, and conditional
     * fetches the server answered 304 (served from the cache).
     */
    public record Stats(long requests, long retries, long notModified) {
    }

    private AltoClient(Builder builder) {
        this.directoryUri = builder.directoryUri;
        this.authorization = builder.authorization;
        HttpClient http = builder.httpClient;
        if (http == null) {
            HttpClient.Builder httpBuilder = HttpClient.newBuilder().connectTimeout(builder.connectTimeout)
                    .followRedirects(HttpClient.Redirect.NORMAL);
            if (builder.trustManagers != null || builder.keyManagers != null) {
                httpBuilder.sslContext(ClientTls.context(builder.keyManagers, builder.trustManagers));
            }
            http = httpBuilder.build();
            this.owned = Optional.of(http);
        } else {
            this.owned = Optional.empty();
        }
        this.verifier = builder.trustedKeys.isEmpty() ? Optional.empty() : Optional.of(verifier(builder));
        this.requestTimeout = builder.requestTimeout;
        this.backoff = new Backoff(builder.initialBackoff, builder.maxBackoff);
        this.transport = new Transport(http, builder.requestTimeout, builder.maxAttempts, builder.retryBudget, backoff,
                builder.clock, builder.sleeper);
        if (builder.scheduler == null) {
            // Its one thread starts with the first resubscription.
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("alto-client-updates").factory());
            this.scheduler = Scheduler.on(executor);
            this.ownScheduler = Optional.of(executor);
        } else {
            this.scheduler = builder.scheduler;
            this.ownScheduler = Optional.empty();
        }
    }

    private static SignatureVerifier verifier(Builder builder) {
        SignatureVerifier.Builder verifier = SignatureVerifier.builder().maxAge(builder.signatureMaxAge).clock(builder.clock);
        builder.trustedKeys.forEach(verifier::trust);
        return verifier.build();
    }

    /** A builder for a client of the server whose directory is at {@code directoryUri}. */
    public static Builder builder(URI directoryUri) {
        return new Builder(directoryUri);
    }

    public URI directoryUri() {
        return directoryUri;
    }

    /** The directory, fetched on first use. */
    public Directory directory() {
        Directory current = directory;
        return current != null ? current : refreshDirectory();
    }

    /** Revalidates the directory with the server (a 304 when unchanged) and returns the current one. */
    public Directory refreshDirectory() {
        Directory fresh = getCached(directoryUri, DIRECTORY_OR_ANYTHING, MediaTypes.DIRECTORY, ResponseDecoder::directory,
                "directory");
        directory = fresh;
        return fresh;
    }

    /** The directory's default network map (RFC 7285 9.2.2 "default-alto-network-map"). */
    public NetworkMapResponse networkMap() {
        return networkMap(networkMapId());
    }

    /** The resource id of the directory's default network map, else of the first network map it lists. */
    public String networkMapId() {
        Directory ird = directory();
        return ird.defaultNetworkMap().or(() -> ird.resources().entrySet().stream()
                        .filter(e -> isFull(e.getValue(), MediaTypes.NETWORK_MAP)).map(Map.Entry::getKey).findFirst())
                .orElseThrow(() -> new AltoResourceNotOfferedException("the directory at " + directoryUri + " lists no network map"));
    }

    /** The full network map with this resource id. */
    public NetworkMapResponse networkMap(String resourceId) {
        Directory.Entry entry = entry(resourceId, MediaTypes.NETWORK_MAP);
        NetworkMapResponse map = getCached(resolve(entry), MediaTypes.NETWORK_MAP, ResponseDecoder::networkMap,
                "network map " + resourceId);
        if (!map.vtag().resourceId().equals(resourceId)) {
            throw new AltoProtocolException(AltoProtocolException.Problem.MALFORMED_BODY, "network map " + resourceId
                    + " carries the vtag of " + map.vtag().resourceId(), Optional.empty(), null);
        }
        return map;
    }

    /** The full cost map of this cost type, preferring one over the default network map. */
    public CostMapResponse costMap(CostType costType) {
        String id = costMapId(costType);
        CostMapResponse map = costMap(id);
        checkCostType(map, costType, "cost map " + id);
        return map;
    }

    /** The resource id of the full cost map {@link #costMap(CostType)} fetches. */
    public String costMapId(CostType costType) {
        Directory ird = directory();
        return ird.resources().entrySet().stream()
                .filter(e -> isFull(e.getValue(), MediaTypes.COST_MAP) && offers(ird, e.getValue(), costType))
                .sorted(Comparator.comparing(e -> !usesDefault(ird, e.getValue())))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AltoResourceNotOfferedException("the directory at " + directoryUri
                        + " lists no cost map of type " + describe(costType)));
    }

    /** The full cost map with this resource id, checked against the network map it depends on. */
    public CostMapResponse costMap(String resourceId) {
        Directory.Entry entry = entry(resourceId, MediaTypes.COST_MAP);
        CostMapResponse map = getCached(resolve(entry), MediaTypes.COST_MAP, ResponseDecoder::costMap, "cost map " + resourceId);
        checkDependentVtags(map.dependentVtags(), "cost map " + resourceId);
        return map;
    }

    /** Whether the directory lists a full cost map of this cost type ({@link #costMap(CostType)} would find one). */
    public boolean offersCostMap(CostType costType) {
        Directory ird = directory();
        return ird.resources().values().stream().anyMatch(e -> isFull(e, MediaTypes.COST_MAP) && offers(ird, e, costType));
    }

    /** Whether the directory lists an endpoint cost service for this cost type ({@link #endpointCost} would find one). */
    public boolean offersEndpointCost(CostType costType) {
        Directory ird = directory();
        return ird.resources().values().stream().anyMatch(e -> e.mediaType().equals(MediaTypes.ENDPOINT_COST)
                && e.accepts().filter(MediaTypes.ENDPOINT_COST_PARAMS::equals).isPresent()
                && offersOrUnspecified(ird, e, costType));
    }

    /** RFC 7285 11.3.1: the parts of the network map the filter selects. */
    public NetworkMapResponse filteredNetworkMap(NetworkMapFilter filter) {
        Directory ird = directory();
        Map.Entry<String, Directory.Entry> found = find(ird, MediaTypes.NETWORK_MAP, MediaTypes.NETWORK_MAP_FILTER,
                e -> true, "filtered network map");
        return post(found, MediaTypes.NETWORK_MAP, MediaTypes.NETWORK_MAP_FILTER,
                RequestEncoder.networkMapFilter(filter), ResponseDecoder::networkMap);
    }

    /**
     * RFC 7285 11.3.2: the costs between the filter's PIDs, checked against the network map in use; the
     * filter asks for one cost type ({@link #filteredMultiCostMap} takes several), its tests may use RFC 8189's.
     */
    public CostMapResponse filteredCostMap(CostMapFilter filter) {
        CostType costType = filter.costs().costType();
        Directory ird = directory();
        Map.Entry<String, Directory.Entry> found = find(ird, MediaTypes.COST_MAP, MediaTypes.COST_MAP_FILTER,
                e -> takes(ird, e, filter.costs()), "filtered cost map of type " + describe(filter.costs()));
        CostMapResponse map = post(found, MediaTypes.COST_MAP, MediaTypes.COST_MAP_FILTER,
                RequestEncoder.costMapFilter(filter), ResponseDecoder::costMap);
        checkCostType(map, costType, "filtered cost map " + found.getKey());
        checkDependentVtags(map.dependentVtags(), "filtered cost map " + found.getKey());
        return map;
    }

    /**
     * RFC 8189 4.1: several cost types' costs between the filter's PIDs in one answer, from a filtered
     * cost map whose capabilities take them all at once ({@code max-cost-types}) and its tests.
     */
    public MultiCostMapResponse filteredMultiCostMap(CostMapFilter filter) {
        requireMultiCost(filter.costs());
        Directory ird = directory();
        Map.Entry<String, Directory.Entry> found = find(ird, MediaTypes.COST_MAP, MediaTypes.COST_MAP_FILTER,
                e -> takes(ird, e, filter.costs()), "filtered multi-cost map of types " + describe(filter.costs()));
        MultiCostMapResponse map = post(found, MediaTypes.COST_MAP, MediaTypes.COST_MAP_FILTER,
                RequestEncoder.costMapFilter(filter), ResponseDecoder::multiCostMap);
        checkCostTypes(map, filter.costs().costTypes(), "filtered multi-cost map " + found.getKey());
        checkDependentVtags(map.dependentVtags(), "filtered multi-cost map " + found.getKey());
        return map;
    }

    /** RFC 9240 section 7: the first full property map the directory lists, one over the default network map first. */
    public PropertyMapResponse propertyMap() {
        Directory ird = directory();
        return propertyMap(ird.resources().entrySet().stream()
                .filter(e -> isFull(e.getValue(), MediaTypes.PROPERTY_MAP))
                .sorted(Comparator.comparing(e -> !usesDefault(ird, e.getValue())))
                .map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new AltoResourceNotOfferedException("the directory at " + directoryUri + " lists no property map")));
    }

    /** RFC 9240 section 7: the full property map with this resource id, checked against the network maps it depends on. */
    public PropertyMapResponse propertyMap(String resourceId) {
        Directory.Entry entry = entry(resourceId, MediaTypes.PROPERTY_MAP);
        PropertyMapResponse map = getCached(resolve(entry), MediaTypes.PROPERTY_MAP, ResponseDecoder::propertyMap,
                "property map " + resourceId);
        checkDependentVtags(map.dependentVtags(), "property map " + resourceId);
        return map;
    }

    /**
     * RFC 9240 section 8: the properties asked of the entities asked, from a filtered property map
     * whose {@code mappings} have every entity's domain and every property asked.
     */
    public PropertyMapResponse filteredPropertyMap(PropertyMapRequest request) {
        Directory ird = directory();
        return filteredPropertyMap(find(ird, MediaTypes.PROPERTY_MAP, MediaTypes.PROPERTY_MAP_PARAMS,
                e -> hasDomains(e.capabilities().mappings(), request.entities())
                        && request.properties().stream().allMatch(property -> e.capabilities().mappings().values().stream()
                        .anyMatch(properties -> properties.contains(property))),
                "filtered property map for " + request.properties()), request);
    }

    /**
     * RFC 9240 section 8: every property a filtered property map gives the domains of {@code entities},
     * from one whose {@code mappings} have them all.
     */
    public PropertyMapResponse filteredPropertyMap(List<String> entities) {
        Directory ird = directory();
        Map.Entry<String, Directory.Entry> found = find(ird, MediaTypes.PROPERTY_MAP, MediaTypes.PROPERTY_MAP_PARAMS,
                e -> hasDomains(e.capabilities().mappings(), entities), "filtered property map for the domains of " + entities);
        Set<String> properties = new LinkedHashSet<>();
        found.getValue().capabilities().mappings().forEach((domain, names) -> {
            if (entities.stream().anyMatch(entity -> entity.startsWith(domain + ":"))) {
                properties.addAll(names);
            }
        });
        return filteredPropertyMap(found, new PropertyMapRequest(entities, List.copyOf(properties)));
    }

    private PropertyMapResponse filteredPropertyMap(Map.Entry<String, Directory.Entry> resource, PropertyMapRequest request) {
        PropertyMapResponse map = post(resource, MediaTypes.PROPERTY_MAP, MediaTypes.PROPERTY_MAP_PARAMS,
                RequestEncoder.propertyMap(request), ResponseDecoder::propertyMap);
        checkDependentVtags(map.dependentVtags(), "filtered property map " + resource.getKey());
        return map;
    }

    /** Whether {@code mappings} name the domain of every entity ({@code domain:identifier}). */
    private static boolean hasDomains(Map<String, List<String>> mappings, List<String> entities) {
        return entities.stream().allMatch(entity -> mappings.keySet().stream().anyMatch(domain -> entity.startsWith(domain + ":")));
    }

    /** RFC 7285 11.4.1: properties of endpoints, from a resource listing every requested property type. */
    public EndpointPropertyResponse endpointProperties(EndpointPropertyRequest request) {
        Directory ird = directory();
        Map.Entry<String, Directory.Entry> found = find(ird, MediaTypes.ENDPOINT_PROP, MediaTypes.ENDPOINT_PROP_PARAMS,
                e -> e.capabilities().propTypes().isEmpty() || e.capabilities().propTypes().containsAll(request.properties()),
                "endpoint property service for " + request.properties());
        return post(found, MediaTypes.ENDPOINT_PROP, MediaTypes.ENDPOINT_PROP_PARAMS,
                RequestEncoder.endpointProperties(request), ResponseDecoder::endpointProperties);
    }

    /** RFC 7285 11.5.1: costs between endpoints; the answer is keyed by the addresses as requested. */
    public CostMapResponse endpointCost(EndpointCostRequest request) {
        CostType costType = request.costs().costType();
        Directory ird = directory();
        Map.Entry<String, Directory.Entry> found = find(ird, MediaTypes.ENDPOINT_COST, MediaTypes.ENDPOINT_COST_PARAMS,
                e -> takes(ird, e, request.costs()), "endpoint cost service of type " + describe(request.costs()));
        CostMapResponse map = post(found, MediaTypes.ENDPOINT_COST, MediaTypes.ENDPOINT_COST_PARAMS,
                RequestEncoder.endpointCost(request), ResponseDecoder::endpointCostMap);
        checkCostType(map, costType, "endpoint cost " + found.getKey());
        return map;
    }

    /** RFC 8189 4.2: several cost types' costs between endpoints in one answer. */
    public MultiCostMapResponse endpointMultiCost(EndpointCostRequest request) {
        requireMultiCost(request.costs());
        Directory ird = directory();
        Map.Entry<String, Directory.Entry> found = find(ird, MediaTypes.ENDPOINT_COST, MediaTypes.ENDPOINT_COST_PARAMS,
                e -> takes(ird, e, request.costs()), "endpoint multi-cost service of types " + describe(request.costs()));
        MultiCostMapResponse map = post(found, MediaTypes.ENDPOINT_COST, MediaTypes.ENDPOINT_COST_PARAMS,
                RequestEncoder.endpointCost(request), ResponseDecoder::endpointMultiCostMap);
        checkCostTypes(map, request.costs().costTypes(), "endpoint multi-cost " + found.getKey());
        return map;
    }

    /**
     * Follows these full resources (network and cost maps, by resource id) through the server's
     * update service: {@link UpdateService#SSE} when the directory lists an update stream serving all
     * of them, else {@link UpdateService#TIPS}. The listener first hears each resource's full state,
     * then every change. Returns at once; close the subscription (or this client) to stop.
     *
     * @throws AltoResourceNotOfferedException when the directory lists a resource as no full map, or
     *     no update service for all of them; a caller can then poll instead
     */
    public Subscription subscribe(List<String> resourceIds, UpdateListener listener) {
        return subscribe(resourceIds, Optional.empty(), listener);
    }

    /** As {@link #subscribe(List, UpdateListener)}, through the given service only if one is given. */
    public Subscription subscribe(List<String> resourceIds, Optional<UpdateService> via, UpdateListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (resourceIds.isEmpty() || Set.copyOf(resourceIds).size() != resourceIds.size()) {
            throw new IllegalArgumentException("subscribe to one or more distinct resources, not " + resourceIds);
        }
        Directory ird = directory();
        Map<String, String> mediaTypes = new LinkedHashMap<>();
        for (String id : resourceIds) {
            Directory.Entry entry = ird.resources().get(id);
            if (entry == null || entry.accepts().isPresent()) {
                throw new AltoResourceNotOfferedException("the directory at " + directoryUri + " lists no full resource " + id);
            }
            mediaTypes.put(id, entry.mediaType());
        }
        Map.Entry<String, Directory.Entry> service = updateService(ird, resourceIds, via).orElseThrow(() ->
                new AltoResourceNotOfferedException("the directory at " + directoryUri + " lists no "
                        + via.map(UpdateService::toString).orElse("update service") + " for " + resourceIds));
        UpdateService kind = kindOf(service.getValue());
        URI uri = resolve(service.getValue());
        List<UpdateSource> sources = kind == UpdateService.SSE
                ? List.of(new SseSource(this, service.getKey(), uri, mediaTypes))
                : resourceIds.stream().<UpdateSource>map(id -> new TipsSource(this, service.getKey(), uri, id, mediaTypes.get(id)))
                        .toList();
        Subscription subscription = new Subscription(kind, resourceIds, listener, sources, scheduler, backoff,
                subscriptions::remove);
        subscriptions.add(subscription);
        subscription.start();
        return subscription;
    }

    /** The update service {@link #subscribe} would use for these resources, if the directory lists one. */
    public Optional<UpdateService> updateService(List<String> resourceIds) {
        return updateService(directory(), resourceIds, Optional.empty()).map(e -> kindOf(e.getValue()));
    }

    private static Optional<Map.Entry<String, Directory.Entry>> updateService(Directory ird, List<String> resourceIds,
                                                                               Optional<UpdateService> via) {
        return ird.resources().entrySet().stream()
                .filter(e -> Arrays.stream(UpdateService.values()).anyMatch(kind -> isService(e.getValue(), kind)
                        && via.map(kind::equals).orElse(true)))
                .filter(e -> e.getValue().uses().containsAll(resourceIds))
                .min(Comparator.comparing(e -> kindOf(e.getValue())));
    }

    private static boolean isService(Directory.Entry entry, UpdateService kind) {
        return entry.mediaType().equals(kind.mediaType()) && entry.accepts().filter(kind.accepts()::equals).isPresent();
    }

    private static UpdateService kindOf(Directory.Entry entry) {
        return isService(entry, UpdateService.SSE) ? UpdateService.SSE : UpdateService.TIPS;
    }

    public Stats stats() {
        return new Stats(transport.requests.sum(), transport.retries.sum(), notModified.sum());
    }

    /**
     * Closes the subscriptions, and the HTTP client and scheduler if this client created them; the
     * ones given to the builder stay open.
     */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        ownScheduler.ifPresent(ScheduledExecutorService::shutdownNow);
        owned.ifPresent(HttpClient::close);
    }

    // ---- resources in the directory ----

    private Directory.Entry entry(String resourceId, String mediaType) {
        Directory.Entry entry = directory().resources().get(resourceId);
        if (entry == null || !isFull(entry, mediaType)) {
            throw new AltoResourceNotOfferedException("the directory at " + directoryUri + " lists no resource "
                    + resourceId + " of type " + mediaType);
        }
        return entry;
    }

    private Map.Entry<String, Directory.Entry> find(Directory ird, String mediaType, String accepts,
                                                    Predicate<Directory.Entry> suits, String what) {
        return ird.resources().entrySet().stream()
                .filter(e -> e.getValue().mediaType().equals(mediaType)
                        && e.getValue().accepts().filter(accepts::equals).isPresent() && suits.test(e.getValue()))
                .sorted(Comparator.comparing(e -> !usesDefault(ird, e.getValue())))
                .findFirst()
                .orElseThrow(() -> new AltoResourceNotOfferedException("the directory at " + directoryUri + " lists no " + what));
    }

    private static boolean isFull(Directory.Entry entry, String mediaType) {
        return entry.mediaType().equals(mediaType) && entry.accepts().isEmpty();
    }

    private static boolean usesDefault(Directory ird, Directory.Entry entry) {
        return ird.defaultNetworkMap().filter(entry.uses()::contains).isPresent();
    }

    private static boolean offers(Directory ird, Directory.Entry entry, CostType type) {
        return entry.capabilities().costTypeNames().stream()
                .map(name -> ird.costTypes().get(name)).anyMatch(listed -> listed != null && listed.sameAs(type));
    }

    private static boolean offersOrUnspecified(Directory ird, Directory.Entry entry, CostType type) {
        return entry.capabilities().costTypeNames().isEmpty() || offers(ird, entry, type);
    }

    /**
     * Whether a cost service takes this selection (RFC 8189 4.1.1): each cost type offered, as many at
     * once as {@code max-cost-types} allows, every tested type testable. A resource listing no cost
     * types says nothing either way and is tried.
     */
    private static boolean takes(Directory ird, Directory.Entry entry, CostSelection costs) {
        Directory.Capabilities capabilities = entry.capabilities();
        if (capabilities.costTypeNames().isEmpty()) {
            return true;
        }
        if (costs.multiCost() && costs.costTypes().size() > capabilities.maxCostTypes()
                || !costs.costTypes().stream().allMatch(type -> offers(ird, entry, type))) {
            return false;
        }
        List<CostType> testable = capabilities.testableNames().stream().map(ird.costTypes()::get).filter(Objects::nonNull).toList();
        return costs.alternatives().stream().flatMap(List::stream).map(test -> costs.testable().get(test.index()))
                .allMatch(tested -> testable.stream().anyMatch(tested::sameAs));
    }

    private static void requireMultiCost(CostSelection costs) {
        if (!costs.multiCost()) {
            throw new IllegalArgumentException("a multi-cost request names its cost types as multi-cost-types");
        }
    }

    private URI resolve(Directory.Entry entry) {
        try {
            return directoryUri.resolve(entry.uri());
        } catch (IllegalArgumentException e) {
            throw new AltoProtocolException(AltoProtocolException.Problem.MALFORMED_BODY, "the directory lists an invalid URI "
                    + entry.uri(), Optional.empty(), e);
        }
    }

    private static String describe(CostType type) {
        return type.mode().wireName() + " " + type.metric();
    }

    private static String describe(CostSelection costs) {
        return costs.costTypes().stream().map(AltoClient::describe).collect(Collectors.joining(", "));
    }

    /** RFC 8189 4.1.3: the answer lists the cost types asked, in the order asked. */
    private static void checkCostTypes(MultiCostMapResponse map, List<CostType> asked, String what) {
        boolean same = map.costTypes().size() == asked.size();
        for (int i = 0; same && i < asked.size(); i++) {
            same = map.costTypes().get(i).sameAs(asked.get(i));
        }
        if (!same) {
            throw new AltoProtocolException(AltoProtocolException.Problem.MALFORMED_BODY, what + " answered with cost types "
                    + map.costTypes().stream().map(AltoClient::describe).toList() + ", asked for "
                    + asked.stream().map(AltoClient::describe).toList(), Optional.empty(), null);
        }
    }

    private static void checkCostType(CostMapResponse map, CostType asked, String what) {
        if (!map.costType().sameAs(asked)) {
            throw new AltoProtocolException(AltoProtocolException.Problem.MALFORMED_BODY, what + " answered with cost type "
                    + describe(map.costType()) + ", asked for " + describe(asked), Optional.empty(), null);
        }
    }

    /**
     * Each dependent vtag naming a network map of the directory must be the version the client holds.
     * A network map not held yet is fetched; a differing one is revalidated once (it may have changed).
     */
    private void checkDependentVtags(List<VersionTag> vtags, String what) {
        Directory ird = directory();
        for (VersionTag vtag : vtags) {
            Directory.Entry entry = ird.resources().get(vtag.resourceId());
            if (entry == null || !isFull(entry, MediaTypes.NETWORK_MAP)) {
                continue;
            }
            Cached held = cache.get(resolve(entry));
            if (held != null && held.value() instanceof NetworkMapResponse map && map.vtag().equals(vtag)) {
                continue;
            }
            VersionTag current = networkMap(vtag.resourceId()).vtag();
            if (!current.equals(vtag)) {
                throw new AltoProtocolException(AltoProtocolException.Problem.VTAG_MISMATCH, what + " depends on "
                        + vtag.resourceId() + " version " + vtag.tag() + " but the server's network map is version "
                        + current.tag(), Optional.empty(), null);
            }
        }
    }

    // ---- HTTP ----

    /** GET with If-None-Match when a representation is cached; a 304 returns the cached object itself. */
    private <T> T getCached(URI uri, String mediaType, Function<byte[], T> decoder, String what) {
        return getCached(uri, accept(mediaType), mediaType, decoder, what);
    }

    private <T> T getCached(URI uri, String accept, String mediaType, Function<byte[], T> decoder, String what) {
        Cached held = cache.get(uri);
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(uri).GET().header("Accept", accept));
        if (held != null) {
            request.header("If-None-Match", held.etag());
        }
        String description = "GET " + uri + " (" + what + ")";
        Transport.Response response = checkSignature(transport.exchange(request, description), Optional.empty(), description);
        if (response.status() == 304) {
            if (held == null) {
                throw new AltoProtocolException(AltoProtocolException.Problem.UNEXPECTED_RESPONSE,
                        description + " answered 304 to an unconditional request", Optional.empty(), null);
            }
            notModified.increment();
            @SuppressWarnings("unchecked") T value = (T) held.value();
            return value;
        }
        if (mediaType.equals(MediaTypes.DIRECTORY) && response.status() == 200) {
            response.header("Content-Type").map(AltoClient::bareType).flatMap(AltoClient::resourceKind).ifPresent(kind -> {
                throw new AltoProtocolException(AltoProtocolException.Problem.WRONG_MEDIA_TYPE, description + ": this is "
                        + kind + ", not a directory (try " + uri.resolve("/directory") + ")", Optional.empty(), null);
            });
        }
        T value = decode(response, mediaType, decoder, description);
        if (held != null && held.value().equals(value)) {
            // Same content under a new ETag (another replica, another encoding): keep the one object.
            @SuppressWarnings("unchecked") T same = (T) held.value();
            value = same;
        }
        T result = value;
        response.header("ETag").ifPresentOrElse(etag -> cache.put(uri, new Cached(etag, result)), () -> cache.remove(uri));
        return result;
    }

    private <T> T post(Map.Entry<String, Directory.Entry> resource, String mediaType, String contentType, byte[] body,
                       Function<byte[], T> decoder) {
        URI uri = resolve(resource.getValue());
        HttpRequest.Builder request = authorized(HttpRequest.newBuilder(uri).header("Accept", accept(mediaType))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        String description = "POST " + uri + " (" + resource.getKey() + ")";
        Optional<RequestBinding> binding = verifier.map(v -> RequestBinding.withBody("POST", uri.getRawPath(), body));
        // The digest of the query, which a signed answer covers: a recorded answer to another query does not verify.
        binding.flatMap(RequestBinding::contentDigest).ifPresent(digest -> request.header("Content-Digest", digest));
        return decode(checkSignature(transport.exchange(request, description), binding, description), mediaType, decoder,
                description);
    }

    /** With verification on: a 200 must be signed by a trusted key, for this request if one is given. */
    private Transport.Response checkSignature(Transport.Response response, Optional<RequestBinding> request, String description) {
        if (verifier.isEmpty() || response.status() != 200) {
            return response;
        }
        HttpFields fields = HttpFields.of(response.headers().map());
        VerificationResult result = request.isPresent()
                ? verifier.get().verify(200, fields, response.body(), request.get())
                : verifier.get().verify(200, fields, response.body());
        if (result instanceof VerificationResult.Rejected rejected) {
            throw new AltoSignatureException(description + " answered without a valid signature: " + rejected.detail(),
                    rejected.failure());
        }
        return response;
    }

    HttpRequest.Builder authorized(HttpRequest.Builder request) {
        authorization.get().ifPresent(value -> request.header("Authorization", value));
        return request;
    }

    /** RFC 7285 8.3.5: accept the resource's media type and the error type. */
    /** What another ALTO resource is, for a directory URI that names it by mistake. */
    private static Optional<String> resourceKind(String mediaType) {
        return Optional.ofNullable(switch (mediaType) {
            case MediaTypes.NETWORK_MAP -> "a network map";
            case MediaTypes.COST_MAP -> "a cost map";
            case MediaTypes.ENDPOINT_PROP -> "an endpoint property service";
            case MediaTypes.ENDPOINT_COST -> "an endpoint cost service";
            case MediaTypes.PROPERTY_MAP -> "a property map";
            default -> null;
        });
    }

    private static String accept(String mediaType) {
        return mediaType + "," + MediaTypes.ERROR;
    }

    static <T> T decode(Transport.Response response, String mediaType, Function<byte[], T> decoder, String description) {
        Optional<String> contentType = response.header("Content-Type").map(AltoClient::bareType);
        if (response.status() == 200) {
            if (!contentType.filter(mediaType::equals).isPresent()) {
                throw new AltoProtocolException(AltoProtocolException.Problem.WRONG_MEDIA_TYPE, description + " answered "
                        + contentType.orElse("without a Content-Type") + ", expected " + mediaType, Optional.empty(), null);
            }
            return decodeBody(response.body(), decoder, description);
        }
        if (contentType.filter(MediaTypes.ERROR::equals).isPresent()) {
            AltoError error = decodeBody(response.body(), ResponseDecoder::error, description + " error object");
            throw new AltoErrorResponseException(description, response.status(), error);
        }
        throw new AltoStatusException(description + " answered HTTP " + response.status() + snippet(response.body()),
                response.status(), Optional.empty());
    }

    static <T> T decodeBody(byte[] body, Function<byte[], T> decoder, String description) {
        try {
            return Objects.requireNonNull(decoder.apply(body));
        } catch (AltoException e) {
            throw new AltoProtocolException(AltoProtocolException.Problem.MALFORMED_BODY,
                    description + " answered a malformed body: " + e.error().describe(), Optional.of(e.error()), e);
        }
    }

    Transport transport() {
        return transport;
    }

    /** Whether answers must carry a valid signature ({@link Builder#verifySignatures}); update events carry none. */
    boolean verifiesSignatures() {
        return verifier.isPresent();
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    /**
     * For a stream or a long poll: returns when the answer is a 200 of {@code mediaType} (any type when
     * null); otherwise throws as {@link #decode} does, from the status, the error object in {@code body}
     * or the wrong media type.
     */
    static void requireStream(HttpResponse<?> response, byte[] body, String mediaType, String description) {
        if (response.statusCode() == 200 && (mediaType == null || contentType(response.headers()).filter(mediaType::equals).isPresent())) {
            return;
        }
        decode(new Transport.Response(response.statusCode(), response.headers(), body), mediaType == null ? "" : mediaType,
                bytes -> bytes, description);
    }

    /** The media type of an answer, without parameters, in lower case. */
    static Optional<String> contentType(HttpHeaders headers) {
        return headers.firstValue("Content-Type").map(AltoClient::bareType);
    }

    private static String bareType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    private static String snippet(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    /**
     * Settings of an {@link AltoClient}. Defaults: connect timeout 5 s, request timeout 10 s (per
     * attempt, until the whole answer is in), at most 3 attempts within a retry budget of 30 s
     * (waits included), backoff starting at 200 ms and capped at 5 s.
     */
    public static final class Builder {
        private final URI directoryUri;
        private HttpClient httpClient;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 3;
        private Duration retryBudget = Duration.ofSeconds(30);
        private Duration initialBackoff = Duration.ofMillis(200);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private Clock clock = Clock.systemUTC();
        private Transport.Sleeper sleeper = duration -> Thread.sleep(duration);
        /** Runs resubscriptions after their backoff; null = the client's own single thread. */
        private Scheduler scheduler;
        private final Map<String, PublicKey> trustedKeys = new LinkedHashMap<>();
        private Duration signatureMaxAge = Duration.ofMinutes(5);
        private Supplier<Optional<String>> authorization = Optional::empty;
        /** TLS settings of the client's own HttpClient; null = the JVM's defaults. */
        private TrustManager[] trustManagers;
        private KeyManager[] keyManagers;

        private Builder(URI directoryUri) {
            if (!directoryUri.isAbsolute() || !List.of("http", "https").contains(directoryUri.getScheme().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("the directory URI must be an absolute http(s) URI: " + directoryUri);
            }
            this.directoryUri = directoryUri;
        }

        /** The HTTP client to use (shared, configured by the caller); by default the client makes its own. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client);
            return this;
        }

        /**
         * Trust exactly the CA certificates in this PEM file for https servers (instead of the JVM's
         * trusted CAs), like curl's {@code --cacert}. Read now: a bad file is an IllegalArgumentException.
         */
        public Builder trustedCertificates(Path caPem) {
            this.trustManagers = ClientTls.trusting(caPem);
            return this;
        }

        /**
         * Present this client certificate (PEM chain, leaf first) and its unencrypted PKCS#8 PEM key to
         * servers that require mutual TLS, like curl's {@code --cert}/{@code --key}. Read now.
         */
        public Builder clientCertificate(Path certificatePem, Path privateKeyPem) {
            this.keyManagers = ClientTls.presenting(certificatePem, privateKeyPem);
            return this;
        }

        /** Connect timeout of the client's own HttpClient (a given one keeps its setting). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        /** How long one attempt may take, from sending the request to the last byte of the answer. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "request timeout");
            return this;
        }

        /** At most this many attempts per call (1 = no retries). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new IllegalArgumentException("max attempts must be >= 1, got " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** A call never retries past this much time since it started, waits included. */
        public Builder retryBudget(Duration budget) {
            this.retryBudget = positive(budget, "retry budget");
            return this;
        }

        /** Backoff without Retry-After: doubling from {@code initial} up to {@code max}, with jitter. */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial, "initial backoff");
            this.maxBackoff = positive(max, "max backoff");
            return this;
        }

        /** HTTP Basic credentials (RFC 7617) sent with every request; use them over HTTPS only. */
        public Builder basicAuth(String user, String password) {
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("an HTTP Basic user name cannot contain ':'");
            }
            String value = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            this.authorization = () -> Optional.of(value);
            return this;
        }

        /**
         * A bearer token (RFC 6750, e.g. a JWT) sent with every request. The supplier is asked for
         * each request, so a token it rotates is used from the next request on.
         */
        public Builder bearerToken(Supplier<String> token) {
            Objects.requireNonNull(token);
            this.authorization = () -> Optional.of("Bearer " + token.get().strip());
            return this;
        }

        /** The clock Retry-After dates are measured against (tests). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /**
         * Accept only answers signed with this Ed25519 key (RFC 9421), named by its default keyid, the
         * RFC 7638 thumbprint. Call again to trust several keys, e.g. the old and the new one while the
         * server's key is rotated.
         */
        public Builder verifySignatures(PublicKey key) {
            return verifySignatures(PemKeys.thumbprint(key), key);
        }

        /** As {@link #verifySignatures(PublicKey)}, for a server configured with its own {@code key-id}. */
        public Builder verifySignatures(String keyId, PublicKey key) {
            trustedKeys.put(Objects.requireNonNull(keyId, "keyId"), Objects.requireNonNull(key, "key"));
            return this;
        }

        /** As {@link #verifySignatures(PublicKey)}, with the key from a PEM file ({@code openssl pkey -pubout}). */
        public Builder verifySignatures(Path publicKeyPem) {
            try {
                return verifySignatures(PemKeys.readPublicKey(publicKeyPem));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the public key " + publicKeyPem + ": " + e.getMessage(), e);
            }
        }

        /**
         * How old a signature may be (its {@code created}); default 5 minutes. The server renews the
         * signatures of its shared maps every minute by default; raise this when HTTP caches sit between.
         */
        public Builder signatureMaxAge(Duration maxAge) {
            this.signatureMaxAge = positive(maxAge, "signature max age");
            return this;
        }

        /**
         * The scheduler that resubscribes update subscriptions after their backoff (which doubles from
         * the {@link #backoff} initial value up to its maximum). By default the client runs its own
         * thread; tests pass a {@code ManualScheduler}. The caller owns a scheduler it passes here.
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler);
            return this;
        }

        Builder sleeper(Transport.Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper);
            return this;
        }

        public AltoClient build() {
            if (httpClient != null && (trustManagers != null || keyManagers != null)) {
                throw new IllegalStateException("trusted certificates and client certificates configure the client's own "
                        + "HttpClient; give the HttpClient passed to httpClient(..) an SSLContext instead");
            }
            return new AltoClient(this);
        }

        private static Duration positive(Duration duration, String what) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + duration);
            }
            return duration;
        }
    }
}
