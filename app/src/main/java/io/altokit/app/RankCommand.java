package io.altokit.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altokit.app.config.Durations;
import io.altokit.client.AltoClient;
import io.altokit.client.PeerRanker;
import io.altokit.client.RankedPeer;
import io.altokit.client.Ranking;
import io.altokit.model.AddressText;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import io.altokit.model.IpBits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code alto rank}: orders candidate peers by an ALTO server's guidance, as an application would. */
@Command(name = "rank", mixinStandardHelpOptions = true,
        description = "Rank candidate peers for a source address by ALTO guidance (PeerRanker), in connection order.")
final class RankCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", required = true, paramLabel = "URI", description = "The server's directory, e.g. http://127.0.0.1:8181/directory")
    private URI server;

    @Option(names = "--strategy", paramLabel = "ecs|map", description = "ecs: ask the endpoint cost service; map: rank "
            + "locally from the maps (the server never sees the peers). Default: what the server offers, ecs first.")
    private GuidanceStrategy strategy;

    @Option(names = "--metric", defaultValue = "routingcost", description = "Cost metric to rank by. Default: ${DEFAULT-VALUE}.")
    private String metric;

    @Option(names = "--cost-mode", paramLabel = "numerical|ordinal", description = "Cost mode to ask for; both rank the "
            + "same. Default: what the server offers, numerical first (an ordinal-only privacy policy offers only ordinal).")
    private CostMode costMode;

    /** The name {@code --strategy} had before the CLI used one vocabulary. */
    @Option(names = "--mode", hidden = true)
    private void mode(GuidanceStrategy value) {
        strategy = value;
    }

    @Option(names = "--random-share", defaultValue = "0.2", description = "Share of places given to random peers, 0 to 1. Default: ${DEFAULT-VALUE}.")
    private double randomShare;

    @Option(names = "--seed", description = "Seed for tie-breaks and random picks (reproducible output).")
    private Long seed;

    @Mixin
    private VerifyKeyOptions verifyKey;

    @Option(names = "--timeout", defaultValue = "${env:ALTO_TIMEOUT:-5s}", converter = Durations.Converter.class, paramLabel = "DURATION",
            description = "Per-request timeout, e.g. 500ms, 5s or PT5S. Default: ${DEFAULT-VALUE} (environment ALTO_TIMEOUT, else 5s).")
    private Duration timeout;

    @Option(names = "--json", description = "Print {\"status\": ..., \"peers\": [{\"address\", \"rank\", \"cost\", \"random\"}]}.")
    private boolean json;

    @Option(names = "--source", required = true, paramLabel = "IP", description = "The address the peers are ranked for.")
    private String source;

    @Mixin
    private CredentialOptions credentials;

    @Parameters(arity = "1..*", paramLabel = "PEER", description = "Candidate peer addresses.")
    private List<String> peers;

    @Mixin
    private TlsOptions tls;

    @Override
    public Integer call() throws Exception {
        InetAddress from;
        List<InetAddress> candidates = new ArrayList<>();
        AltoClient.Builder clientBuilder;
        try {
            from = parse(source);
            for (String peer : peers) {
                candidates.add(parse(peer));
            }
            if (randomShare < 0 || randomShare > 1) {
                throw new IllegalArgumentException("--random-share is a fraction from 0 to 1, got " + randomShare);
            }
            clientBuilder = verifyKey.apply(credentials.apply(tls.applyTo(AltoClient.builder(server))))
                    .connectTimeout(timeout).requestTimeout(timeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Ranking ranking;
        Optional<String> hint = Optional.empty();
        try (AltoClient client = clientBuilder.build()) {
            Optional<PeerRanker.Strategy> insistedStrategy = Optional.ofNullable(strategy).map(GuidanceStrategy::ranker);
            Optional<CostMode> insistedMode = Optional.ofNullable(costMode);
            PeerRanker.Builder builder = PeerRanker.builder(client).metric(metric).randomShare(randomShare);
            insistedStrategy.ifPresent(builder::strategy);
            insistedMode.ifPresent(mode -> builder.costType(new CostType(metric, mode)));
            if (seed != null) {
                builder.seed(seed);
            }
            ranking = builder.build().rank(from, candidates);
            if (ranking.status() == Ranking.Status.UNAVAILABLE) {
                hint = GuidanceHint.suggest(client, metric, insistedStrategy, insistedMode);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(toJson(ranking)));
        } else {
            print(out, ranking);
        }
        out.flush();
        if (ranking.status() != Ranking.Status.UNAVAILABLE) {
            return 0;
        }
        // The peers are printed all the same (an application can still use them); the status says no guidance.
        PrintWriter err = spec.commandLine().getErr();
        err.println("alto rank: no guidance: " + ranking.reason().orElse("unknown reason"));
        hint.ifPresent(text -> err.println("alto rank: " + text));
        err.flush();
        return CommandFailures.FAILURE;
    }

    private static InetAddress parse(String text) {
        try {
            return IpBits.toInetAddress(AddressText.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not an IP address: " + e.getMessage(), e);
        }
    }

    private static ObjectNode toJson(Ranking ranking) {
        ObjectNode root = JSON.createObjectNode().put("status", ranking.status().name());
        ranking.reason().ifPresent(reason -> root.put("reason", reason));
        ArrayNode peers = root.putArray("peers");
        for (RankedPeer peer : ranking.peers()) {
            ObjectNode entry = peers.addObject().put("address", AddressText.of(peer.address())).put("rank", peer.rank());
            if (peer.cost().isPresent()) {
                entry.put("cost", peer.cost().getAsDouble());
            } else {
                entry.putNull("cost");
            }
            entry.put("random", peer.random());
        }
        return root;
    }

    private static void print(PrintWriter out, Ranking ranking) {
        out.println("status: " + ranking.status() + ranking.reason().map(reason -> " (" + reason + ")").orElse(""));
        out.printf("%-5s %-40s %6s %12s  %s%n", "order", "address", "rank", "cost", "");
        int position = 1;
        for (RankedPeer peer : ranking.peers()) {
            out.printf("%-5d %-40s %6s %12s  %s%n", position++, AddressText.of(peer.address()),
                    peer.rank() == 0 ? "-" : Integer.toString(peer.rank()),
                    peer.cost().isPresent() ? Double.toString(peer.cost().getAsDouble()) : "-",
                    peer.random() ? "random" : "");
        }
    }
}
