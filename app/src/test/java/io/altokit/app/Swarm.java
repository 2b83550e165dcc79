package io.altokit.app;

import io.altokit.tracker.Bencode;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.altokit.app.Eventually.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** What the BitTorrent end-to-end tests share: torrents, aria2 command lines and logs, announces from chosen addresses. */
final class Swarm {
    /** pid-N is 127.0.N.0/24; routingcost 1 within a PID, 10 per step between PIDs. */
    static final String NETWORK = """
            network-map:
              pid-1: { ipv4: [127.0.1.0/24] }
              pid-2: { ipv4: [127.0.2.0/24] }
              pid-3: { ipv4: [127.0.3.0/24] }
            costs:
              routingcost:
                pid-1: { pid-1: 1, pid-2: 10, pid-3: 20 }
                pid-2: { pid-1: 10, pid-2: 1, pid-3: 10 }
                pid-3: { pid-1: 20, pid-2: 10, pid-3: 1 }
            """;
    /** One seeder in each of the two near PIDs, one leecher in every PID. */
    static final String[] SEEDERS = {"127.0.1.5", "127.0.2.5"};
    static final String[] LEECHERS = {"127.0.1.6", "127.0.2.6", "127.0.3.6"};

    private Swarm() {
    }

    /** Serves {@link #NETWORK} from {@code work} on a free port (its log {@code alto.log} there); the directory's URI. */
    static URI serve(StartedProcesses started, Path work) throws Exception {
        Path network = work.resolve("network.yaml");
        Files.writeString(network, NETWORK);
        Path serverLog = work.resolve("alto.log");
        return AltoJar.awaitReady(started.add(AltoJar.start(serverLog, "serve", "--config", network.toString(),
                "--port", "0", "--bind", "127.0.0.1", "--no-access-log")), serverLog);
    }

    /** Makes {@code torrent} of {@code file} with mktorrent, 64 KiB pieces. */
    static void mktorrent(URI announce, Path file, Path torrent) throws Exception {
        Process mktorrent = new ProcessBuilder("mktorrent", "-a", announce.toString(), "-l", "16", "-o", torrent.toString(), file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(mktorrent.waitFor(30, TimeUnit.SECONDS) && mktorrent.exitValue() == 0).as("mktorrent made the torrent").isTrue();
    }

    /** aria2 bound to {@code address}, no DHT, LPD nor PEX (peers come from the tracker only), re-announcing every 5 s. */
    static List<String> aria2(String address, int port, Path dir, Path torrent, String... extra) {
        List<String> command = new ArrayList<>(List.of("aria2c", "--interface=" + address, "--listen-port=" + port,
                "--dir=" + dir, "--enable-dht=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--disable-ipv6=true", "--file-allocation=none", "--summary-interval=0", "--console-log-level=error",
                "--bt-tracker-interval=5", "--quiet=true"));
        command.addAll(List.of(extra));
        command.add(torrent.toString());
        return command;
    }

    /**
     * The first peer other than itself an aria2 client at {@code self} connected to, from its log
     * (written with --log-level=info); some trackers (opentracker) list a peer to itself.
     */
    static String firstConnection(Path aria2Log, String self) throws Exception {
        Matcher connecting = Pattern.compile("PeerInitiateConnectionCommand.*Connecting to (127\\.[0-9.]+):").matcher(Files.readString(aria2Log));
        while (connecting.find()) {
            if (!connecting.group(1).equals(self)) {
                return connecting.group(1);
            }
        }
        throw new AssertionError(aria2Log + ": no connection to another peer");
    }

    /** A leecher that finished has the file; its last writes may still be on their way to disk. */
    static void awaitContent(Path file, String sha256, Duration patience) {
        eventually(file + " having the payload's SHA-256 " + sha256, patience)
                .until(() -> Files.exists(file) ? sha256(Files.readAllBytes(file)) : "no file", sha256::equals);
    }

    /** The torrent's info hash: the SHA-1 of its bencoded info dictionary. */
    static byte[] infoHash(Path torrent) throws Exception {
        Map<?, ?> metainfo = (Map<?, ?>) Bencode.decode(Files.readAllBytes(torrent));
        return MessageDigest.getInstance("SHA-1").digest(Bencode.encode(metainfo.get("info")));
    }

    /** Bytes percent-encoded one by one, as in an announce's info_hash. */
    static String percentEncoded(byte[] bytes) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : bytes) {
            encoded.append('%').append(HexFormat.of().toHexDigits(b));
        }
        return encoded.toString();
    }

    /** One announce from {@code source}, always as the same probe peer; the compact IPv4 peers it got, in order. */
    static List<String> probe(URI announce, byte[] infoHash, String source, int numwant) throws Exception {
        String separator = announce.getRawQuery() == null ? "?" : "&";
        String query = announce.getRawPath() + separator + "info_hash=" + percentEncoded(infoHash) + "&peer_id=-PROBE-0000000000000"
                + "&port=9999&uploaded=0&downloaded=0&left=1&compact=1&numwant=" + numwant;
        byte[] body = get(announce, query, source).getBytes(StandardCharsets.ISO_8859_1);
        Object peers = ((Map<?, ?>) Bencode.decode(body)).get("peers");
        assertThat(peers).as("a compact peer list in " + new String(body, StandardCharsets.ISO_8859_1)).isInstanceOf(byte[].class);
        byte[] compact = (byte[]) peers;
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < compact.length; i += 6) {
            addresses.add((compact[i] & 0xff) + "." + (compact[i + 1] & 0xff) + "." + (compact[i + 2] & 0xff) + "." + (compact[i + 3] & 0xff));
        }
        return addresses;
    }

    /** A plain HTTP/1.1 GET of {@code pathAndQuery} at {@code base}'s host, sent from {@code source}; the body of a 200. */
    static String get(URI base, String pathAndQuery, String source) throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            in.transferTo(response);
            String text = response.toString(StandardCharsets.ISO_8859_1);
            assertThat(text).as(pathAndQuery).startsWith("HTTP/1.1 200");
            return text.substring(text.indexOf("\r\n\r\n") + 4);
        }
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
