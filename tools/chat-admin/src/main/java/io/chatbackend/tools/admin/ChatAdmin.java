package io.chatbackend.tools.admin;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code chat-admin}: operator commands against a running system, through its gateway.
 *
 * <p>Exit codes: 0 success (a rebuild DONE with no differences), 1 failure, 2 bad usage, 3 a rebuild DONE with
 * differences.
 */
@Command(name = "chat-admin", mixinStandardHelpOptions = true, version = "chat-admin 0.1.0",
        description = "Operator commands against a running chat backend, through its gateway.",
        subcommands = {RebuildCommand.class, RoleCommand.class, AuditCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 success, 1 failure, 2 bad usage, 3 rebuild done with differences."})
public final class ChatAdmin implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new ChatAdmin());
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
