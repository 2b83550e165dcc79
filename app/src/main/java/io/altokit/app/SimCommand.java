package io.altokit.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code alto sim}: the simulators of ALTO-guided peer-to-peer applications. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Simulate ALTO-guided P2P live streaming and BitTorrent swarms (flow level, reproducible per seed).",
        subcommands = {SimStreamingCommand.class, SimSwarmCommand.class, SimSweepCommand.class, CommandLine.HelpCommand.class})
final class SimCommand {
}
