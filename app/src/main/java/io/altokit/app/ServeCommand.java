package io.altokit.app;

import io.altokit.model.ResourceIds;
import io.altokit.app.config.ConfigNode;
import io.altokit.app.config.YamlFile;
import io.altokit.provision.network.NetworkFile;
import io.altokit.server.AltoServer;
import io.altokit.server.ServerConfig;
import io.altokit.server.ops.Operations;
import io.altokit.server.ops.ServerMetrics;
import io.altokit.server.protection.Protection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code alto serve}: runs the ALTO server until SIGTERM/SIGINT, then shuts down gracefully. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve ALTO (RFC 7285) over HTTP or HTTPS; without --config, the embedded example network.")
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

    @Option(names = "--state-file", paramLabel = "FILE",
            description = "With a BGP feed: keep the served network in FILE and serve it at the next start until "
                    + "the peers have re-sent their routes. Default: server.state-file of the network file.")
    private Path stateFile;

    @Override
    public Integer call() throws Exception {
        StartPhases phases = StartPhases.sinceJvmStart();
        ServerConfig serverConfig;
        Protection protection;
        Provisioning provisioning;
        Optional<InetSocketAddress> adminListen = Optional.empty();
        if (config == null) {
            serverConfig = applyFlags(ServerConfig.defaults());
            protection = Protection.none();
            provisioning = Provisioning.example();
        } else {
            ConfigNode root = YamlFile.read(config);
            phases.done("yaml");
            ServerConfig fromFile = ServerSettings.read(root);
            adminListen = ServerSettings.adminListen(root);
            serverConfig = applyFlags(TlsSettings.read(root).map(fromFile::withTls).orElse(fromFile));
            Optional<Path> state = Optional.ofNullable(stateFile).or(() -> ServerSettings.stateFile(root));
            provisioning = Provisioning.of(root, state);
            phases.done("network");
            try {
                // After provisioning: access rules are checked against the resources its snapshot yields.
                protection = ProtectionSettings.read(root,
                        AltoServer.resourceIds(serverConfig, provisioning.informationBase().current()));
            } catch (RuntimeException e) {
                provisioning.close();
                throw e;
            }
        }
        CountDownLatch stopRequested = new CountDownLatch(1);
        // Handling TERM and INT ourselves (rather than in a shutdown hook) lets a requested stop
        // drain requests and end with exit status 0, which supervisors read as a clean stop.
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> stopRequested.countDown());
        }
        Signal.handle(new Signal("HUP"), signal -> provisioning.reload());
        ServerMetrics metrics = ServerMetrics.create();
        provisioning.registerMetrics(metrics.registry());
        Operations operations = new Operations(metrics, provisioning.readiness(), adminListen);
        try (provisioning; AltoServer server = AltoServer.start(serverConfig, provisioning.informationBase(), protection,
                operations)) {
            phases.done("server");
            phases.log();
            spec.commandLine().getOut().println("ALTO server ready: " + server.directoryUri());
            spec.commandLine().getOut().flush();
            stopRequested.await();
        }
        return 0;
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
                    result.maxEndpointsPerRequest(), result.networkMapId(), result.accessLog() && !noAccessLog,
                    result.maxConcurrentRequests(), result.workerThreads(), result.adaptiveConcurrency(),
                    result.requestTimeout(), result.tls(), result.idleTimeout(), result.updateStreams(), result.tips(),
                    result.clock());
        }
        if (!ResourceIds.isValid(result.networkMapId())) {
            throw new IllegalArgumentException("network-map-id '" + result.networkMapId()
                    + "' is not an RFC 7285 resource id (1..64 of A-Z a-z 0-9 - : @ _ .)");
        }
        return result;
    }
}
