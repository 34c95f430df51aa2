package io.chatbackend.tools.admin;

import java.net.URI;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How every command reaches the system and proves it is an administrator: a token, or a login, at a gateway. */
final class AdminLogin {

    @Option(names = "--gateway", defaultValue = "http://127.0.0.1:8080", description = "Gateway URL (default ${DEFAULT-VALUE}).")
    URI gateway;

    @Option(names = "--token", defaultValue = "${env:CHAT_ADMIN_TOKEN}",
            description = "An ADMIN access token (default: $CHAT_ADMIN_TOKEN).")
    String token;

    @Option(names = "--username", description = "Log in as this ADMIN user instead of passing a token.")
    String username;

    @Option(names = "--password", description = "The password for --username.")
    String password;

    @Option(names = "--device-id", defaultValue = "chat-admin", description = "Device id for the login (default ${DEFAULT-VALUE}).")
    String deviceId;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Refuses a command line that gives neither a token nor a whole login, before anything is sent. */
    void check() {
        boolean login = username != null || password != null;
        if (login && (username == null || password == null)) {
            throw new ParameterException(spec.commandLine(), "--username and --password go together");
        }
        if (!login && (token == null || token.isBlank())) {
            throw new ParameterException(spec.commandLine(), "give --token (or $CHAT_ADMIN_TOKEN), "
                    + "or --username and --password");
        }
    }

    String accessToken(AdminClient client) throws AdminException {
        return username != null ? client.login(username, password, deviceId) : token;
    }
}
