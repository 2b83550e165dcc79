package io.altokit.app;

import io.altokit.client.AltoClientException;
import io.altokit.core.net.ListenException;
import io.altokit.provision.ProvisioningException;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * How every subcommand ends on a mistake: one line naming the problem, never a stack trace for a
 * failure an operator can cause (a taken port, a bad file, a typo on the command line). Exit status
 * 2 for a usage or configuration mistake, 1 for a failure at run time.
 */
final class CommandFailures implements CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    static final int FAILURE = 1;
    static final int USAGE = 2;

    /** Installs both handlers on {@code cli} and its subcommands. */
    static CommandLine install(CommandLine cli) {
        CommandFailures handlers = new CommandFailures();
        return cli.setParameterExceptionHandler(handlers).setExecutionExceptionHandler(handlers);
    }

    /** A usage error in two lines, instead of the problem buried above 40-60 lines of usage. */
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        String command = e.getCommandLine().getCommandSpec().qualifiedName();
        PrintWriter err = e.getCommandLine().getErr();
        err.println(command + ": " + e.getMessage());
        err.println("see '" + command + " --help'");
        err.flush();
        return USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine command, ParseResult parsed) throws Exception {
        String name = command.getCommandSpec().qualifiedName();
        PrintWriter err = command.getErr();
        Integer status = switch (e) {
            case ListenException listen -> USAGE;
            case ProvisioningException provisioning -> USAGE;
            case IllegalArgumentException invalid -> USAGE;
            case AltoClientException alto -> FAILURE;
            case IOException io -> FAILURE;
            case UncheckedIOException io -> FAILURE;
            default -> null;
        };
        if (status == null) {
            throw e; // a bug: picocli prints the stack trace, which is then worth having
        }
        // One line: a message that lists several problems (a configuration file's) is joined with "; ".
        err.println(name + ": " + String.join("; ", String.valueOf(e.getMessage()).strip().lines().map(String::strip).toList()));
        err.flush();
        return status;
    }
}
