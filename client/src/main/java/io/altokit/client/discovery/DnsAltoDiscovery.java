package io.altokit.client.discovery;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * ALTO server discovery over DNS U-NAPTR records (RFC 7286, RFC 8686), using dnsjava.
 *
 * <p>Each lookup is one NAPTR query (class IN) sent to the configured resolver: the system's resolvers by
 * default, or an explicit {@link Builder#server(InetSocketAddress) server}. Records are kept when their service
 * tag is one of the requested services (by default {@code ALTO:https}, then {@code ALTO:http}); terminal
 * records (flag {@code u}) are rewritten with their REGEXP into the IRD URI, non-terminal records (empty flags)
 * continue the lookup at their REPLACEMENT name (at most {@value #MAX_CHAIN} steps). A URI whose scheme does not
 * match its service tag ({@code ALTO:https} publishing an {@code http:} URI) is ignored.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DnsAltoDiscovery implements AltoDiscovery {
    private static final Logger LOG = LoggerFactory.getLogger(DnsAltoDiscovery.class);
    /** maximum number of non-terminal NAPTR records followed in one chain */
    public static final int MAX_CHAIN = 5;

    private final Resolver resolver;
    private final Duration timeout;
    private final Duration totalTimeout;
    private final List<String> services;

    private DnsAltoDiscovery(Builder b, Resolver resolver) {
        this.resolver = resolver;
        this.timeout = b.timeout;
        this.totalTimeout = b.totalTimeout;
        this.services = List.copyOf(b.services);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public DiscoveryResult forDomain(String domain) {
        Objects.requireNonNull(domain, "domain");
        Name name = parse(domain);
        Context ctx = new Context(System.nanoTime() + totalTimeout.toNanos());
        List<Candidate> found = lookup(name, stripDot(name), 0, new HashSet<>(), null, ctx);
        return result(found, ctx);
    }

    @Override
    public DiscoveryResult forPrefix(InetAddress prefix, int prefixLength) {
        Objects.requireNonNull(prefix, "prefix");
        List<String> names = ReverseNames.walk(prefix, prefixLength);
        Context ctx = new Context(System.nanoTime() + totalTimeout.toNanos());
        for (int i = 0; i < names.size(); i++) {
            Name name = parse(names.get(i));
            List<Candidate> found = lookup(name, stripDot(name), 0, new HashSet<>(), null, ctx);
            if (!found.isEmpty()) return result(found, ctx);
            if (ctx.unreachable != null) {
                for (String rest : names.subList(i + 1, names.size())) {
                    ctx.attempts.add(new Attempt(rest, Attempt.Outcome.NOT_TRIED, ctx.unreachable));
                }
                break;
            }
        }
        return result(List.of(), ctx);
    }

    private static DiscoveryResult result(List<Candidate> found, Context ctx) {
        if (found.isEmpty()) {
            DiscoveryResult.NotFound nf = new DiscoveryResult.NotFound(ctx.attempts);
            LOG.debug("ALTO discovery found nothing: {}", nf.reason());
            return nf;
        }
        Map<URI, Candidate> unique = new LinkedHashMap<>();
        for (Candidate c : found) unique.putIfAbsent(c.uri(), c);
        return new DiscoveryResult.Found(List.copyOf(unique.values()), ctx.attempts);
    }

    /** Queries {@code name}, returns the usable candidates (best first), recording attempts in {@code ctx}. */
    private List<Candidate> lookup(Name name, String aus, int depth, Set<Name> visited, Integer inheritedOrder,
                                   Context ctx) {
        visited.add(name);
        String shown = name.toString();
        int slot = ctx.attempts.size();
        ctx.attempts.add(null);
        Answer answer = query(name, ctx);
        if (answer.records == null) {
            ctx.attempts.set(slot, new Attempt(shown, answer.outcome, answer.detail));
            return List.of();
        }
        List<NAPTRRecord> usable = new ArrayList<>();
        for (NAPTRRecord r : answer.records) {
            if (serviceRank(r.getService()) >= 0) usable.add(r);
        }
        usable.sort(Comparator.comparingInt(NAPTRRecord::getOrder)
                .thenComparingInt(NAPTRRecord::getPreference)
                .thenComparingInt(r -> serviceRank(r.getService())));
        List<Candidate> out = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (NAPTRRecord r : usable) {
            int order = inheritedOrder != null ? inheritedOrder : r.getOrder();
            String flags = r.getFlags().toLowerCase(Locale.ROOT);
            String service = r.getService();
            if (flags.equals("u")) {
                if (!r.getReplacement().equals(Name.root)) {
                    ignored.add("terminal record with a replacement");
                    continue;
                }
                String rewritten = NaptrRewrite.apply(r.getRegexp(), aus).orElse(null);
                URI uri = rewritten == null ? null : toUri(rewritten, service);
                if (uri == null) {
                    ignored.add("unusable regexp " + r.getRegexp() + " for " + service);
                    continue;
                }
                out.add(new Candidate(uri, service, order, r.getPreference(), shown));
            } else if (flags.isEmpty()) {
                Name next = r.getReplacement();
                if (!r.getRegexp().isEmpty() || next.equals(Name.root)) {
                    ignored.add("non-terminal record without a replacement");
                } else if (depth + 1 > MAX_CHAIN || visited.contains(next)) {
                    ctx.attempts.add(new Attempt(next.toString(), Attempt.Outcome.LOOP,
                            "non-terminal chain from " + shown + " loops or exceeds " + MAX_CHAIN));
                } else {
                    out.addAll(lookup(next, aus, depth + 1, visited, order, ctx));
                    if (ctx.unreachable != null) break;
                }
            } else {
                ignored.add("flags '" + r.getFlags() + "'");
            }
        }
        Attempt.Outcome outcome = out.isEmpty() ? Attempt.Outcome.NO_ALTO_RECORD : Attempt.Outcome.FOUND;
        String detail = answer.records.size() + " NAPTR, " + usable.size() + " for " + services
                + (ignored.isEmpty() ? "" : "; ignored: " + String.join(", ", ignored));
        ctx.attempts.set(slot, new Attempt(shown, outcome, detail));
        return out;
    }

    private Answer query(Name name, Context ctx) {
        long remaining = ctx.deadline - System.nanoTime();
        if (remaining <= 0) {
            return Answer.failed(Attempt.Outcome.NOT_TRIED, "discovery time budget " + totalTimeout + " spent");
        }
        long wait = Math.min(timeout.toNanos(), remaining);
        Message q = Message.newQuery(Record.newRecord(name, Type.NAPTR, DClass.IN));
        CompletableFuture<Message> f = resolver.sendAsync(q).toCompletableFuture();
        Message resp;
        try {
            resp = f.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            return ctx.unreachable(Attempt.Outcome.TIMEOUT, "no answer within " + Duration.ofNanos(wait));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return ctx.unreachable(Attempt.Outcome.NOT_TRIED, "interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause() == null ? e : e.getCause();
            if (c instanceof SocketTimeoutException || c instanceof TimeoutException) {
                return ctx.unreachable(Attempt.Outcome.TIMEOUT, String.valueOf(c.getMessage()));
            }
            return ctx.unreachable(Attempt.Outcome.NETWORK_ERROR, c.getClass().getSimpleName() + ": " + c.getMessage());
        } catch (RuntimeException e) {
            return ctx.unreachable(Attempt.Outcome.NETWORK_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        int rcode = resp.getRcode();
        if (rcode == Rcode.NXDOMAIN) return Answer.failed(Attempt.Outcome.NXDOMAIN, "");
        if (rcode != Rcode.NOERROR) return Answer.failed(Attempt.Outcome.DNS_ERROR, Rcode.string(rcode));
        List<NAPTRRecord> records = new ArrayList<>();
        for (Record r : resp.getSection(Section.ANSWER)) {
            if (r instanceof NAPTRRecord n) records.add(n);
        }
        if (records.isEmpty()) return Answer.failed(Attempt.Outcome.NO_NAPTR, "");
        return new Answer(null, "", records);
    }

    private int serviceRank(String service) {
        for (int i = 0; i < services.size(); i++) {
            if (services.get(i).equalsIgnoreCase(service)) return i;
        }
        return -1;
    }

    /** The rewritten string as an absolute URI whose scheme matches the service ("ALTO:https" -> https). */
    private static URI toUri(String s, String service) {
        try {
            URI uri = new URI(s);
            String proto = service.substring(service.indexOf(':') + 1);
            if (!uri.isAbsolute() || uri.getHost() == null || !proto.equalsIgnoreCase(uri.getScheme())) return null;
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static Name parse(String domain) {
        try {
            return Name.fromString(domain.endsWith(".") ? domain : domain + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a domain name: " + domain, e);
        }
    }

    private static String stripDot(Name name) {
        String s = name.toString();
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return "DnsAltoDiscovery[" + resolver + ", services=" + services + ", timeout=" + timeout + "]";
    }

    private record Answer(Attempt.Outcome outcome, String detail, List<NAPTRRecord> records) {
        static Answer failed(Attempt.Outcome outcome, String detail) {
            return new Answer(outcome, detail, null);
        }
    }

    private static final class Context {
        final long deadline;
        final List<Attempt> attempts = new ArrayList<>();
        /** set when the resolver did not answer: further lookups would fail the same way */
        String unreachable;

        Context(long deadline) { this.deadline = deadline; }

        Answer unreachable(Attempt.Outcome outcome, String detail) {
            unreachable = "resolver unreachable after: " + outcome + " " + detail;
            return Answer.failed(outcome, detail);
        }
    }

    /** Configures {@link DnsAltoDiscovery}. */
    public static final class Builder {
        private InetSocketAddress server;
        private Resolver resolver;
        private Duration timeout = Duration.ofSeconds(3);
        private Duration totalTimeout = Duration.ofSeconds(10);
        private List<String> services = List.of("ALTO:https", "ALTO:http");

        private Builder() {}

        /** Send queries to this DNS server (UDP, TCP on truncation) instead of the system's resolvers. */
        public Builder server(InetSocketAddress server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /** Use a ready dnsjava resolver (its own timeout applies too). */
        public Builder resolver(Resolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** Longest wait for one answer (default 3 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** Longest time one discovery call spends over all its lookups (default 10 s). */
        public Builder totalTimeout(Duration totalTimeout) {
            this.totalTimeout = positive(totalTimeout, "totalTimeout");
            return this;
        }

        /**
         * U-NAPTR service tags accepted, most wanted first (default {@code ALTO:https}, {@code ALTO:http}).
         * Pass only {@code ALTO:https} to refuse plain-HTTP servers.
         */
        public Builder services(String... services) {
            if (services.length == 0) throw new IllegalArgumentException("at least one service");
            for (String s : services) {
                if (!s.regionMatches(true, 0, "ALTO:", 0, 5)) throw new IllegalArgumentException("not an ALTO service tag: " + s);
            }
            this.services = List.of(services);
            return this;
        }

        public DnsAltoDiscovery build() {
            Resolver r = resolver;
            if (r == null) {
                r = server != null ? new SimpleResolver(server) : new ExtendedResolver();
                r.setTimeout(timeout);
            }
            return new DnsAltoDiscovery(this, r);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(what + " must be positive");
            return d;
        }
    }
}
