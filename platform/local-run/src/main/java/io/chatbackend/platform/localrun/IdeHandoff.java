package io.chatbackend.platform.localrun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a context left out of the local run ({@code --without}) needs to join it from an IDE: its program arguments
 * (the port the others expect it on, the infrastructure, the other services) and its environment (its database
 * user and secrets), written to {@code <data>/ide/<service>.args} and {@code .env} (readable by the owner only) and
 * printed without the secrets' values.
 */
final class IdeHandoff {

    private IdeHandoff() {
    }

    /** Writes the two files and answers the lines to print. */
    static List<String> write(Path dataDir, ServiceSpec service, List<String> arguments,
                              Map<String, String> environment) throws IOException {
        Path folder = Files.createDirectories(dataDir.resolve("ide"));
        Path args = folder.resolve(service.name() + ".args");
        Path env = folder.resolve(service.name() + ".env");
        Files.write(args, List.of(String.join(" ", arguments)));
        Files.deleteIfExists(env);
        Files.createFile(env, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        List<String> variables = new ArrayList<>();
        environment.forEach((name, value) -> variables.add(name + "=" + value));
        Files.write(env, variables);

        List<String> lines = new ArrayList<>();
        lines.add(service.name() + " is not started (--without): run it from your IDE (its Spring Boot application, "
                + "or java -jar " + service.jar() + ") with");
        lines.add("  program arguments (also in " + args + "):");
        arguments.forEach(argument -> lines.add("    " + argument));
        lines.add("  environment: " + String.join(", ", environment.keySet()) + " from " + env
                + " (its secrets: keep the file private)");
        lines.add("  the others call it at http://127.0.0.1:" + portOf(arguments) + "; until it is up, what needs "
                + "it answers 503");
        return lines;
    }

    private static String portOf(List<String> arguments) {
        return arguments.stream().filter(argument -> argument.startsWith("--server.port=")).findFirst()
                .map(argument -> argument.substring("--server.port=".length())).orElse("?");
    }
}
