package io.altokit.bench;

import io.altokit.core.AddressFamily;
import io.altokit.core.PrefixKey;
import io.altokit.provision.bgp.message.AsPath;
import io.altokit.provision.bgp.message.BgpCodec;
import io.altokit.provision.bgp.message.BgpMessage;
import io.altokit.provision.bgp.message.Capability;
import io.altokit.provision.bgp.message.Community;
import io.altokit.provision.bgp.message.DecodeResult;
import io.altokit.provision.bgp.message.Keepalive;
import io.altokit.provision.bgp.message.Open;
import io.altokit.provision.bgp.message.Origin;
import io.altokit.provision.bgp.message.PathAttributes;
import io.altokit.provision.bgp.message.SessionOptions;
import io.altokit.provision.bgp.message.Update;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A full routing table through AltoKit's BGP listener: acts as the operator's router, sends
 * 1,000,000 IPv4 and 200,000 IPv6 routes tagged with area communities (65000:101..114), then
 * End-of-RIB, and measures how fast they go in and how long until the map that holds the last one
 * is served (asked through the endpoint property service). Round 1 meets a freshly started server;
 * round 2 re-sends the whole table with every route moved to the next area, as after a router's
 * session reset with changed policy, to a server that has warmed up. Run by bench/bgp/run.sh.
 *
 * <p>{@code java -cp benchmarks.jar io.altokit.bench.BgpIngest BGP_PORT HTTP_PORT [SOURCE_ADDRESS]}
 */
public final class BgpIngest {
    static final int AREAS = 14;
    private static final int IPV4_ROUTES = 1_000_000;
    private static final int IPV6_ROUTES = 200_000;
    /** Routes per UPDATE: about 3.6 KB of IPv4 /24s or 3.5 KB of IPv6 /48s, under the 4,096-octet limit. */
    private static final int IPV4_PER_UPDATE = 900;
    private static final int IPV6_PER_UPDATE = 480;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    private BgpIngest() {
    }

    public static void main(String[] args) throws Exception {
        int bgpPort = Integer.parseInt(args[0]);
        int httpPort = Integer.parseInt(args[1]);
        InetAddress source = InetAddress.getByName(args.length > 2 ? args[2] : "127.0.0.2");
        BgpCodec codec = new BgpCodec(SessionOptions.FOUR_OCTET_AS);
        long encodeStart = System.nanoTime();
        List<List<byte[]>> rounds = List.of(encodeTable(codec, 0), encodeTable(codec, 1));
        long bytes = rounds.getFirst().stream().mapToLong(update -> update.length).sum();
        System.out.printf("prepared 2 x %,d routes in %,d UPDATEs (%,d bytes each) in %.1f s%n", IPV4_ROUTES + IPV6_ROUTES,
                rounds.getFirst().size(), bytes, seconds(encodeStart));

        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), bgpPort), 5_000);
            socket.setSoTimeout(30_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            BgpCodec session = new BgpCodec(SessionOptions.DEFAULT);
            Open theirs = (Open) read(in, session);
            Open ours = Open.of(65001, 90, 0x7F000002L, List.of(Capability.Multiprotocol.IPV4_UNICAST,
                    Capability.Multiprotocol.IPV6_UNICAST));
            out.write(session.encode(ours));
            out.flush();
            session = new BgpCodec(SessionOptions.negotiated(ours, theirs));
            if (!(read(in, session) instanceof Keepalive)) {
                throw new IllegalStateException("expected the listener's KEEPALIVE");
            }
            out.write(session.encode(Keepalive.INSTANCE));
            out.flush();

            for (int round = 0; round < rounds.size(); round++) {
                long start = System.nanoTime();
                for (byte[] update : rounds.get(round)) {
                    out.write(update);
                }
                out.write(session.encode(Update.of(List.of(), List.of(), PathAttributes.EMPTY))); // End-of-RIB, IPv4
                out.flush();
                long sent = System.nanoTime();
                // The last route sent: 2a00:...::/48 number IPV6_ROUTES - 1.
                String last = "ipv6:" + addressText(AddressFamily.IPV6, IPV6_ROUTES - 1);
                awaitPid(httpPort, last, "area-%02d".formatted(area(IPV6_ROUTES - 1, round)));
                long served = System.nanoTime();
                int routes = IPV4_ROUTES + IPV6_ROUTES;
                System.out.printf("round %d (%s): wrote %,d routes in %.2f s; the last one was served %.2f s after "
                                + "the last UPDATE, %.2f s after the first (%,.0f routes/s end to end)%n", round + 1,
                        round == 0 ? "fresh server" : "warm server, every route changes PID", routes,
                        (sent - start) / 1e9, (served - sent) / 1e9, (served - start) / 1e9,
                        routes / ((served - start) / 1e9));
            }
        }
    }

    /** The area of route {@code i} in a round: round 0 puts it in i % 14 + 1, each round moves it one on. */
    private static int area(int i, int round) {
        return (i + round) % AREAS + 1;
    }

    /** The whole table, as UPDATEs that each carry one area's community. */
    private static List<byte[]> encodeTable(BgpCodec codec, int round) throws IOException {
        List<byte[]> updates = new ArrayList<>();
        encodeRoutes(codec, AddressFamily.IPV4, IPV4_ROUTES, IPV4_PER_UPDATE, round, updates);
        encodeRoutes(codec, AddressFamily.IPV6, IPV6_ROUTES, IPV6_PER_UPDATE, round, updates);
        return updates;
    }

    /** {@code count} routes of one family, grouped so that each UPDATE carries one area's community. */
    private static void encodeRoutes(BgpCodec codec, AddressFamily family, int count, int perUpdate, int round,
                                     List<byte[]> out) throws IOException {
        for (int area = 1; area <= AREAS; area++) {
            PathAttributes attributes = PathAttributes.builder()
                    .origin(Origin.IGP)
                    .asPath(AsPath.sequence(65001))
                    .nextHop((Inet4Address) InetAddress.getByName("127.0.0.2"))
                    .mpNextHop(List.of(InetAddress.getByName("2001:db8::2")))
                    .communities(List.of(Community.of(65000, 100 + area)))
                    .build();
            List<PrefixKey> batch = new ArrayList<>(perUpdate);
            for (int i = Math.floorMod(area - 1 - round, AREAS); i < count; i += AREAS) {
                batch.add(prefix(family, i));
                if (batch.size() == perUpdate) {
                    out.add(codec.encode(Update.of(List.of(), batch, family == AddressFamily.IPV4
                            ? attributes.toBuilder().mpNextHop(List.of()).build() : attributes)));
                    batch = new ArrayList<>(perUpdate);
                }
            }
            if (!batch.isEmpty()) {
                out.add(codec.encode(Update.of(List.of(), batch, family == AddressFamily.IPV4
                        ? attributes.toBuilder().mpNextHop(List.of()).build() : attributes)));
            }
        }
    }

    /** Route {@code i}: IPv4 /24s from 11.0.0.0 on, IPv6 /48s from 2a00::/48 on. */
    private static PrefixKey prefix(AddressFamily family, int i) {
        return family == AddressFamily.IPV4
                ? new PrefixKey(family, (0x0B000000L + ((long) i << 8)) << 32, 0, 24)
                : new PrefixKey(family, 0x2A00_0000_0000_0000L | (long) i << 16, 0, 48);
    }

    private static String addressText(AddressFamily family, int i) {
        PrefixKey prefix = prefix(family, i);
        return new PrefixKey(family, prefix.high() | 1L << 8, 0, 64).toIpPrefix().address().getHostAddress();
    }

    private static BgpMessage read(DataInputStream in, BgpCodec codec) throws IOException {
        byte[] header = new byte[BgpCodec.HEADER_LENGTH];
        in.readFully(header);
        byte[] message = new byte[BgpCodec.messageLength(header, 0)];
        System.arraycopy(header, 0, message, 0, header.length);
        in.readFully(message, header.length, message.length - header.length);
        return switch (codec.decode(message)) {
            case DecodeResult.Success success -> success.message();
            case DecodeResult.Failure failure -> throw new IllegalStateException(failure.reason());
        };
    }

    /** Polls the endpoint property service until the endpoint maps to the PID (bounded). */
    private static void awaitPid(int httpPort, String endpoint, String pid) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/endpointprop/lookup"))
                .header("Content-Type", "application/alto-endpointpropparams+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"properties\":[\"default-network-map.pid\"],\"endpoints\":[\""
                        + endpoint + "\"]}"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!http.send(request, HttpResponse.BodyHandlers.ofString()).body().contains("\"" + pid + "\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(endpoint + " not in " + pid + " within " + PATIENCE);
            }
            Thread.sleep(20);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
