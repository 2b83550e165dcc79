package io.altokit.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop HTTP/1.1 load generator for the overload benchmark (bench/overload/run.sh): requests
 * leave on a fixed schedule whatever the server does, as real clients arriving independently would,
 * and latency counts from the scheduled send time (so a server that stalls cannot hide its queue:
 * no coordinated omission). Latencies are kept per status in HdrHistograms.
 *
 * <pre>java -cp benchmarks.jar io.altokit.bench.OpenLoopLoad URL RATE SECONDS CONNECTIONS [BODY_FILE CONTENT_TYPE]</pre>
 *
 * RATE 0 runs closed-loop instead (each connection sends its next request when the answer arrives),
 * which measures capacity. Prints one line of key=value results. Bounded: the run stops at SECONDS,
 * and connections that do not answer within 10 s fail.
 */
public final class OpenLoopLoad {
    private static final long MAX_LATENCY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final URI target;
    private final byte[] request;
    private final double rate;
    private final long durationNanos;
    private final int connections;
    private final ConcurrentHashMap<Integer, Histogram> byStatus = new ConcurrentHashMap<>();
    private final LongAdder failures = new LongAdder();

    private OpenLoopLoad(URI target, byte[] request, double rate, long durationNanos, int connections) {
        this.target = target;
        this.request = request;
        this.rate = rate;
        this.durationNanos = durationNanos;
        this.connections = connections;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 6) {
            System.err.println("usage: OpenLoopLoad URL RATE SECONDS CONNECTIONS [BODY_FILE CONTENT_TYPE]");
            System.exit(2);
        }
        URI target = URI.create(args[0]);
        byte[] body = args.length == 6 ? Files.readAllBytes(Path.of(args[4])) : null;
        byte[] request = httpRequest(target, body, args.length == 6 ? args[5] : null);
        OpenLoopLoad load = new OpenLoopLoad(target, request, Double.parseDouble(args[1]),
                TimeUnit.SECONDS.toNanos(Long.parseLong(args[2])), Integer.parseInt(args[3]));
        System.out.println(load.run());
    }

    private static byte[] httpRequest(URI target, byte[] body, String contentType) {
        String head = (body == null ? "GET " : "POST ") + target.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + target.getHost() + ":" + target.getPort() + "\r\n"
                + (body == null ? "" : "Content-Type: " + contentType + "\r\nContent-Length: " + body.length + "\r\n")
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        if (body == null) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    private String run() throws InterruptedException {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < connections; c++) {
                int connection = c;
                executor.submit(() -> connectionLoop(connection, start));
            }
        }
        double seconds = durationNanos / 1e9;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "mode=%s offered_rps=%.0f",
                rate > 0 ? "open" : "closed", rate));
        long total = byStatus.values().stream().mapToLong(Histogram::getTotalCount).sum() + failures.sum();
        out.append(String.format(Locale.ROOT, " sent=%d failures=%d", total, failures.sum()));
        byStatus.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Histogram h = entry.getValue();
            out.append(String.format(Locale.ROOT,
                    " s%d_count=%d s%d_rps=%.0f s%d_share=%.4f s%d_p50_ms=%.3f s%d_p99_ms=%.3f s%d_max_ms=%.3f",
                    entry.getKey(), h.getTotalCount(), entry.getKey(), h.getTotalCount() / seconds,
                    entry.getKey(), total == 0 ? 0 : (double) h.getTotalCount() / total,
                    entry.getKey(), h.getValueAtPercentile(50) / 1e6, entry.getKey(), h.getValueAtPercentile(99) / 1e6,
                    entry.getKey(), h.getMaxValue() / 1e6));
        });
        return out.toString();
    }

    /**
     * One keep-alive connection. Open loop: its k-th request is due at start + (k * connections + index) / rate;
     * closed loop: as soon as the previous answer is in.
     */
    private void connectionLoop(int index, long start) {
        long end = start + durationNanos;
        double intervalNanos = rate > 0 ? 1e9 * connections / rate : 0;
        Connection connection = null;
        try {
            for (long k = 0; ; k++) {
                long due = rate > 0 ? start + (long) ((k + (double) index / connections) * intervalNanos) : System.nanoTime();
                if (due >= end) {
                    return;
                }
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                try {
                    if (connection == null) {
                        connection = new Connection(target);
                    }
                    Answer answer = connection.exchange(request);
                    record(answer.status(), System.nanoTime() - due);
                    if (answer.close()) {
                        connection.close();
                        connection = null;
                    }
                } catch (IOException e) {
                    if (failures.sum() == 0) {
                        System.err.println("first failure: " + e);
                    }
                    failures.increment();
                    if (connection != null) {
                        connection.close();
                        connection = null;
                    }
                }
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private record Answer(int status, boolean close) {
    }

    /** A keep-alive HTTP/1.1 connection with at most one request outstanding. */
    private static final class Connection {
        private final Socket socket = new Socket();
        private final OutputStream out;
        private final InputStream in;

        Connection(URI target) throws IOException {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000);
            socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        }

        Answer exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            int status = Integer.parseInt(line().substring(9, 12));
            long length = 0;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            in.skipNBytes(length);
            return new Answer(status, close);
        }

        private String line() throws IOException {
            StringBuilder text = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed mid-answer");
                }
                if (b != '\r') {
                    text.append((char) b);
                }
            }
            return text.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing left to do with a connection that is going away.
            }
        }
    }

    private void record(int status, long latencyNanos) {
        byStatus.computeIfAbsent(status, s -> new ConcurrentHistogram(MAX_LATENCY_NANOS, 3))
                .recordValue(Math.min(latencyNanos, MAX_LATENCY_NANOS));
    }

}
