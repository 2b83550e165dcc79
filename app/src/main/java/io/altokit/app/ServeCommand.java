package io.altokit.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.altokit.core.InformationBase;
import io.altokit.core.Snapshot;
import io.altokit.model.ResourceIds;
import io.altokit.provision.NetworkFile;
import io.altokit.provision.bgp.BgpProvisioning;
import io.altokit.provision.ProvisioningException;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code alto serve}: runs the ALTO server until SIGTERM/SIGINT, then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve ALTO (RFC 7285) over HTTP; without --config, the embedded example network.")
final class ServeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML network file (docs/configuration.md). Default: the embedded example network.")
    private Path config;

    @Option(names = "--port", paramLabel = "N", description = "TCP port; 0 picks a free one. Default: 8181.")
    private Integer port;

    @Option(names = "--bind", paramLabel = "ADDR", description = "Address to listen on. Default: 127.0.0.1.")
    private String bind;

    @Option(names = "--io-threads", paramLabel = "N", description = "Event loop threads; 0 = one per core.")
    private Integer ioThreads;

    @Option(names = "--no-access-log", description = "Do not log one line per request.")
    private boolean noAccessLog;

    @Override
    public Integer call() throws Exception {
        ServerConfig serverConfig;
        Snapshot snapshot;
        JsonNode tree = null;
        try {
            if (config == null) {
                serverConfig = ServerConfig.defaults();
                snapshot = NetworkFile.exampleNetwork();
            } else {
                tree = NetworkFile.readTree(config);
                serverConfig = ServerSettings.read(tree, config.toString());
                snapshot = NetworkFile.fromTree(tree, config);
            }
            serverConfig = applyFlags(serverConfig);
        } catch (ProvisioningException | IllegalArgumentException e) {
            return configurationError(e);
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        // Handling TERM and INT ourselves (rather than in a shutdown hook) lets a requested stop
        // drain requests and end with exit status 0, which supervisors read as a clean stop.
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stopRequested.countDown());
        }
        InformationBase informationBase = new InformationBase(snapshot);
        BgpProvisioning bgp = null;
        try {
            if (tree != null && BgpProvisioning.configured(tree)) {
                bgp = BgpProvisioning.start(tree, config, informationBase);
            }
        } catch (ProvisioningException e) {
            return configurationError(e);
        }
        try (AltoServer server = AltoServer.start(serverConfig, informationBase)) {
            spec.commandLine().getOut().println("ALTO server ready: " + server.directoryUri());
            spec.commandLine().getOut().flush();
            stopRequested.await();
        } finally {
            if (bgp != null) {
                bgp.close();
            }
        }
        return 0;
    }

    private int configurationError(RuntimeException e) {
        spec.commandLine().getErr().println("alto serve: " + e.getMessage());
        return 2;
    }

    private ServerConfig applyFlags(ServerConfig base) {
        ServerConfig result = base;
        if (port != null) {
            result = result.withPort(port);
        }
        if (bind != null) {
            result = result.withBindAddress(bind);
        }
        if (ioThreads != null || noAccessLog) {
            result = new ServerConfig(result.bindAddress(), result.port(),
                    ioThreads != null ? ioThreads : result.ioThreads(), result.maxRequestBytes(),
                    result.maxEndpointsPerRequest(), result.networkMapId(), result.accessLog() && !noAccessLog);
        }
        if (!ResourceIds.isValid(result.networkMapId())) {
            throw new IllegalArgumentException("network-map-id '" + result.networkMapId()
                    + "' is not an RFC 7285 resource id (1..64 of A-Z a-z 0-9 - : @ _ .)");
        }
        return result;
    }
}
