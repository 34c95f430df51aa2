package io.chatbackend.tools.admin;

import java.io.PrintWriter;
import java.util.UUID;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chat-admin role grant|revoke <userId> [role]}: gives a user the AUDITOR role, or takes it away (ADR 0026);
 * revoking USER leaves an auditor who may only read (ADR 0027).
 */
@Command(name = "role", mixinStandardHelpOptions = true,
        description = "Grant or revoke a user's AUDITOR (or USER) role; their next login carries the change.")
final class RoleCommand implements Callable<Integer> {

    enum Change { grant, revoke }

    @Parameters(index = "0", paramLabel = "grant|revoke", description = "What to do: ${COMPLETION-CANDIDATES}.")
    Change change;

    @Parameters(index = "1", paramLabel = "<userId>", description = "The user's id.")
    UUID userId;

    @Parameters(index = "2", paramLabel = "<role>", defaultValue = "AUDITOR", arity = "0..1",
            description = "The role: AUDITOR (the default) or USER (revoking it leaves an auditor who may "
                    + "only read).")
    String role;

    @Mixin
    AdminLogin admin;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        admin.check();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        AdminClient client = new AdminClient(admin.gateway);
        try {
            client.setRole(userId, role, change == Change.grant, admin.accessToken(client));
            out.println((change == Change.grant ? "Granted " : "Revoked ") + role + (change == Change.grant
                    ? " to " : " from ") + userId + ": their next login carries it.");
            out.flush();
            return Formatting.EXIT_OK;
        } catch (AdminException e) {
            err.println("chat-admin: " + e.getMessage());
            err.flush();
            return Formatting.EXIT_FAILED;
        }
    }
}
