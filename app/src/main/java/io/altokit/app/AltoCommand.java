package io.altokit.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code alto} command: one runnable jar, one subcommand per job. */
@Command(name = "alto", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "AltoKit: an ALTO (RFC 7285) server and tools.",
        subcommands = {ServeCommand.class, QueryCommand.class, RankCommand.class, TrackerCommand.class, PeerProxyCommand.class, TrialCommand.class, SimCommand.class,
                HashPasswordCommand.class, KeygenCommand.class, CommandLine.HelpCommand.class})
public final class AltoCommand {

    @Option(names = "--log-format", defaultValue = "text", scope = CommandLine.ScopeType.INHERIT,
            description = "Log format on stderr: text or json (one object per line). Default: ${DEFAULT-VALUE}.")
    void logFormat(LogFormat format) {
        format.install();
    }

    /** Picks the logging configuration before anything creates a logger. */
    enum LogFormat {
        text, json;

        void install() {
            if (this == json) {
                System.setProperty("logback.configurationFile", "logback-json.xml");
                // The server's access log writes its own lines (io.altokit.server.AccessLineFormat).
                System.setProperty("altokit.log.format", "json");
            }
        }
    }

    public static void main(String[] args) {
        CommandLine cli = CommandFailures.install(new CommandLine(new AltoCommand()).setCaseInsensitiveEnumValuesAllowed(true));
        System.exit(cli.execute(args));
    }
}
