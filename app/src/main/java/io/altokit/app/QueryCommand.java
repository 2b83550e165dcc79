package io.altokit.app;

import io.altokit.client.AltoClient;
import io.altokit.client.AltoClientException;
import io.altokit.model.CostMode;
import io.altokit.model.CostType;
import io.altokit.model.EndpointCostRequest;
import io.altokit.model.EndpointPropertyRequest;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.TypedAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code alto query}: one ALTO request through {@link AltoClient}, the answer printed as the
 * RFC 7285 JSON the server sent (re-encoded after strict decoding). Exit status 1 when the server
 * answers with an error or cannot be reached, 2 for a mistake on the command line.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Ask an ALTO server one question and print the answer as JSON.",
        subcommands = {QueryCommand.Directory.class, QueryCommand.NetworkMap.class, QueryCommand.CostMap.class,
                QueryCommand.EndpointCost.class, QueryCommand.EndpointProperties.class})
final class QueryCommand {

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", required = true, scope = ScopeType.INHERIT, paramLabel = "URI",
            description = "The server's directory, e.g. http://127.0.0.1:8181/directory")
    private URI server;

    @Option(names = "--timeout", defaultValue = "PT5S", scope = ScopeType.INHERIT,
            description = "Per-request timeout (ISO-8601 duration). Default: ${DEFAULT-VALUE}.")
    private Duration timeout;

    @Mixin
    private CredentialOptions credentials;

    @Mixin
    private TlsOptions tls;

    /** Runs one call and prints its answer, or the failure on standard error. */
    int run(CommandSpec command, Function<AltoClient, byte[]> call) {
        try (AltoClient client = credentials.apply(tls.applyTo(AltoClient.builder(server)))
                .connectTimeout(timeout).requestTimeout(timeout).build()) {
            command.commandLine().getOut().println(new String(call.apply(client), StandardCharsets.UTF_8));
            command.commandLine().getOut().flush();
            return 0;
        } catch (AltoClientException e) {
            command.commandLine().getErr().println("alto query: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            command.commandLine().getErr().println("alto query: " + e.getMessage());
            return 2;
        }
    }

    private static List<TypedAddress> addresses(List<String> texts) {
        List<TypedAddress> addresses = new ArrayList<>();
        for (String text : texts) {
            String typed = text.startsWith("ipv4:") || text.startsWith("ipv6:") ? text
                    : (text.contains(":") ? "ipv6:" : "ipv4:") + text;
            addresses.add(TypedAddress.parse(typed).orElseThrow(
                    () -> new IllegalArgumentException("\"" + text + "\" is not an IP address")));
        }
        return addresses;
    }

    @Command(name = "ird", description = "The information resource directory.")
    static final class Directory implements Callable<Integer> {
        @ParentCommand
        private QueryCommand query;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            return query.run(spec, client -> ResponseEncoder.directory(client.directory()));
        }
    }

    @Command(name = "networkmap", description = "The default network map.")
    static final class NetworkMap implements Callable<Integer> {
        @ParentCommand
        private QueryCommand query;
        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            return query.run(spec, client -> ResponseEncoder.networkMap(client.networkMap()));
        }
    }

    @Command(name = "costmap", description = "The full cost map of a metric.")
    static final class CostMap implements Callable<Integer> {
        @ParentCommand
        private QueryCommand query;
        @Spec
        private CommandSpec spec;
        @Mixin
        private CostTypeOptions costType;

        @Override
        public Integer call() {
            return query.run(spec, client -> ResponseEncoder.costMap(client.costMap(costType.costType())));
        }
    }

    @Command(name = "ecs", description = "Endpoint costs from a source to destinations.")
    static final class EndpointCost implements Callable<Integer> {
        @ParentCommand
        private QueryCommand query;
        @Spec
        private CommandSpec spec;
        @Mixin
        private CostTypeOptions costType;
        @Option(names = "--source", required = true, paramLabel = "IP")
        private String source;
        @Parameters(arity = "1..*", paramLabel = "DESTINATION")
        private List<String> destinations;

        @Override
        public Integer call() {
            return query.run(spec, client -> ResponseEncoder.endpointCostMap(client.endpointCost(new EndpointCostRequest(
                    costType.costType(), List.of(), addresses(List.of(source)), addresses(destinations)))));
        }
    }

    @Command(name = "eps", description = "Endpoint properties, by default the PID of each address.")
    static final class EndpointProperties implements Callable<Integer> {
        @ParentCommand
        private QueryCommand query;
        @Spec
        private CommandSpec spec;
        @Option(names = "--property", defaultValue = "default-network-map.pid", description = "Default: ${DEFAULT-VALUE}.")
        private List<String> properties;
        @Parameters(arity = "1..*", paramLabel = "ADDRESS")
        private List<String> endpoints;

        @Override
        public Integer call() {
            return query.run(spec, client -> ResponseEncoder.endpointProperties(
                    client.endpointProperties(new EndpointPropertyRequest(properties, addresses(endpoints)))));
        }
    }

    /** The cost type options of costmap and ecs. */
    static final class CostTypeOptions {
        @Option(names = "--metric", defaultValue = "routingcost", description = "Default: ${DEFAULT-VALUE}.")
        private String metric;
        @Option(names = "--mode", defaultValue = "numerical", description = "numerical or ordinal. Default: ${DEFAULT-VALUE}.")
        private String mode;

        CostType costType() {
            return new CostType(metric, CostMode.fromWire(mode)
                    .orElseThrow(() -> new IllegalArgumentException("--mode is numerical or ordinal, not " + mode)));
        }
    }
}
