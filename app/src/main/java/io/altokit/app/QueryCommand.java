package io.altokit.app;

import io.altokit.client.AltoClient;
import io.altokit.app.config.Durations;
import io.altokit.client.AltoClientException;
import io.altokit.client.AltoResourceNotOfferedException;
import io.altokit.client.PeerRanker;
import io.altokit.core.AddressFamily;
import io.altokit.core.IpPrefix;
import io.altokit.model.CostMapFilter;
import io.altokit.model.CostMode;
import io.altokit.model.CostSelection;
import io.altokit.model.CostTest;
import io.altokit.model.CostType;
import io.altokit.model.EndpointCostRequest;
import io.altokit.model.EndpointPropertyRequest;
import io.altokit.model.PropertyMapRequest;
import io.altokit.model.ResponseEncoder;
import io.altokit.model.TypedAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
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
                QueryCommand.EndpointCost.class, QueryCommand.EndpointProperties.class, QueryCommand.MultiCost.class,
                QueryCommand.Properties.class,
                QueryWatchCommand.class})
final class QueryCommand {

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", required = true, scope = ScopeType.INHERIT, paramLabel = "URI",
            description = "The server's directory, e.g. http://127.0.0.1:8181/directory")
    private URI server;

    @Mixin
    private VerifyKeyOptions verifyKey;

    @Option(names = "--timeout", defaultValue = "${env:ALTO_TIMEOUT:-5s}", scope = ScopeType.INHERIT, converter = Durations.Converter.class,
            paramLabel = "DURATION", description = "Per-request timeout, e.g. 500ms, 5s or PT5S. Default: ${DEFAULT-VALUE} (environment ALTO_TIMEOUT, else 5s).")
    private Duration timeout;

    @Mixin
    private CredentialOptions credentials;

    @Mixin
    private TlsOptions tls;

    /** Runs one call and prints its answer, or the failure on standard error. */
    int run(CommandSpec command, Function<AltoClient, byte[]> call) {
        return run(command, call, (client, e) -> Optional.empty());
    }

    /** As {@link #run(CommandSpec, Function)}; {@code hint} may add the option that would help after a failure. */
    int run(CommandSpec command, Function<AltoClient, byte[]> call, BiFunction<AltoClient, AltoClientException, Optional<String>> hint) {
        String name = command.qualifiedName();
        try (AltoClient client = client(command)) {
            byte[] answer;
            try {
                answer = call.apply(client);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command.commandLine(), e.getMessage(), e);
            } catch (AltoClientException e) {
                PrintWriter err = command.commandLine().getErr();
                err.println(name + ": " + e.getMessage());
                hint.apply(client, e).ifPresent(text -> err.println(name + ": " + text));
                err.flush();
                return CommandFailures.FAILURE;
            }
            command.commandLine().getOut().println(new String(answer, StandardCharsets.UTF_8));
            command.commandLine().getOut().flush();
            return 0;
        }
    }

    /** The client the common options describe; a bad option value is a usage error of {@code command}. */
    AltoClient client(CommandSpec command) {
        try {
            return verifyKey.apply(credentials.apply(tls.applyTo(AltoClient.builder(server))))
                    .connectTimeout(timeout).requestTimeout(timeout).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
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

    @Command(name = "ird", mixinStandardHelpOptions = true, description = "The information resource directory.")
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

    @Command(name = "networkmap", mixinStandardHelpOptions = true, description = "The default network map.")
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

    @Command(name = "costmap", mixinStandardHelpOptions = true, description = "The full cost map of a metric.")
    static final class CostMap implements Callable<Integer> {
        @ParentCommand
        private QueryCommand query;
        @Spec
        private CommandSpec spec;
        @Mixin
        private CostTypeOptions costType;

        @Override
        public Integer call() {
            return query.run(spec, client -> ResponseEncoder.costMap(client.costMap(costType.costType())),
                    costType.hint(PeerRanker.Strategy.MAPS));
        }
    }

    @Command(name = "ecs", mixinStandardHelpOptions = true, description = "Endpoint costs from a source to destinations.")
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
                    costType.costType(), List.of(), addresses(List.of(source)), addresses(destinations)))),
                    costType.hint(PeerRanker.Strategy.ENDPOINT_COST));
        }
    }

    @Command(name = "eps", mixinStandardHelpOptions = true, description = "Endpoint properties, by default the PID of each address.")
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

    @Command(name = "props", mixinStandardHelpOptions = true,
            description = "Entity properties (RFC 9240): the full property map, or the properties of the entities given.")
    static final class Properties implements Callable<Integer> {
        @ParentCommand
        private QueryCommand query;
        @Spec
        private CommandSpec spec;
        @Option(names = "--property", paramLabel = "NAME",
                description = "A property to ask, e.g. default-network-map.pid or .priv:area-name (repeatable). Default: every one the directory lists for the entities' domains.")
        private List<String> properties = new ArrayList<>();
        @Parameters(arity = "0..*", paramLabel = "ENTITY",
                description = "An entity such as ipv4:10.1.0.0/16 or default-network-map.pid:area-01; a bare address or prefix is one of ipv4 or ipv6.")
        private List<String> entities = new ArrayList<>();

        @Override
        public Integer call() {
            if (entities.isEmpty()) {
                if (!properties.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--property selects among the properties of the ENTITY given; give one");
                }
                return query.run(spec, client -> ResponseEncoder.propertyMap(client.propertyMap()));
            }
            List<String> ids = entities.stream().map(Properties::entityId).toList();
            return query.run(spec, client -> ResponseEncoder.propertyMap(properties.isEmpty()
                    ? client.filteredPropertyMap(ids) : client.filteredPropertyMap(new PropertyMapRequest(ids, properties))));
        }

        private static String entityId(String text) {
            try {
                IpPrefix prefix = IpPrefix.parse(text);
                return (prefix.family() == AddressFamily.IPV4 ? "ipv4:" : "ipv6:") + text;
            } catch (IllegalArgumentException e) {
                return text;
            }
        }
    }

    @Command(name = "multicost", mixinStandardHelpOptions = true,
            description = "Several metrics at once (RFC 8189): a filtered multi-cost map, or endpoint costs with --source.")
    static final class MultiCost implements Callable<Integer> {
        @ParentCommand
        private QueryCommand query;
        @Spec
        private CommandSpec spec;
        @Option(names = "--metric", required = true, paramLabel = "METRIC", description = "A metric answered; repeat for each.")
        private List<String> metrics;
        @Option(names = "--cost-mode", defaultValue = "numerical", paramLabel = "numerical|ordinal",
                description = "The mode of every metric. Default: ${DEFAULT-VALUE}.")
        private CostMode mode;
        @Option(names = "--testable-metric", paramLabel = "METRIC",
                description = "A metric the tests index instead of the answered ones (testable-cost-types); repeat for each.")
        private List<String> testable = List.of();
        @Option(names = "--constraint", paramLabel = "TEST",
                description = "A test all answered pairs pass, e.g. \"[1] le 3\" (index into the tested metrics); repeat to AND.")
        private List<String> constraints = List.of();
        @Option(names = "--or-constraint", paramLabel = "TEST;TEST",
                description = "One alternative of or-constraints: tests joined by ';' that must all pass; repeat for each alternative.")
        private List<String> orConstraints = List.of();
        @Option(names = "--source", paramLabel = "IP", description = "Ask the endpoint cost service from this address.")
        private Optional<String> source = Optional.empty();
        @Option(names = "--src-pid", paramLabel = "PID", description = "A source PID of the filtered map (default: all).")
        private List<String> srcPids = List.of();
        @Option(names = "--dst-pid", paramLabel = "PID", description = "A destination PID of the filtered map (default: all).")
        private List<String> dstPids = List.of();
        @Parameters(arity = "0..*", paramLabel = "DESTINATION", description = "The destinations with --source.")
        private List<String> destinations = List.of();

        @Override
        public Integer call() {
            CostSelection costs = selection();
            if (source.isPresent()) {
                if (destinations.isEmpty()) {
                    throw new ParameterException(spec.commandLine(), "--source needs at least one DESTINATION");
                }
                return query.run(spec, client -> ResponseEncoder.endpointMultiCostMap(client.endpointMultiCost(
                        new EndpointCostRequest(costs, addresses(List.of(source.get())), addresses(destinations)))));
            }
            if (!destinations.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "DESTINATION addresses need --source; PIDs go in --dst-pid");
            }
            return query.run(spec, client -> ResponseEncoder.multiCostMap(client.filteredMultiCostMap(
                    new CostMapFilter(costs, srcPids, dstPids))));
        }

        private CostSelection selection() {
            if (!constraints.isEmpty() && !orConstraints.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--constraint and --or-constraint exclude each other (RFC 8189)");
            }
            List<CostType> types = metrics.stream().map(metric -> new CostType(metric, mode)).toList();
            Optional<List<CostType>> tested = testable.isEmpty() ? Optional.empty()
                    : Optional.of(testable.stream().map(metric -> new CostType(metric, mode)).toList());
            List<List<CostTest>> alternatives = orConstraints.isEmpty()
                    ? (constraints.isEmpty() ? List.of() : List.of(tests(constraints)))
                    : orConstraints.stream().map(alternative -> tests(List.of(alternative.split(";")))).toList();
            try {
                return new CostSelection(types, true, tested, alternatives, !orConstraints.isEmpty(), List.of());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }

        private List<CostTest> tests(List<String> texts) {
            return texts.stream().map(text -> CostTest.parse(text).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "\"" + text + "\" is not a test such as \"[0] le 5\""))).toList();
        }
    }

    /** The cost type options of costmap and ecs. */
    static final class CostTypeOptions {
        @Option(names = "--metric", defaultValue = "routingcost", description = "Default: ${DEFAULT-VALUE}.")
        private String metric;
        @Option(names = "--cost-mode", defaultValue = "numerical", paramLabel = "numerical|ordinal",
                description = "Default: ${DEFAULT-VALUE}.")
        private CostMode mode;

        /** The name {@code --cost-mode} had before the CLI used one vocabulary. */
        @Option(names = "--mode", hidden = true)
        private void legacyMode(CostMode value) {
            mode = value;
        }

        CostType costType() {
            return new CostType(metric, mode);
        }

        /** After a resource was not offered: the cost mode in which it is. */
        BiFunction<AltoClient, AltoClientException, Optional<String>> hint(PeerRanker.Strategy resource) {
            return (client, e) -> e instanceof AltoResourceNotOfferedException
                    ? GuidanceHint.suggestCostMode(client, metric, resource, mode) : Optional.empty();
        }
    }
}
