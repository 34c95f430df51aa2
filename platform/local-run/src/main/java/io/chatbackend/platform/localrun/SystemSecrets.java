package io.chatbackend.platform.localrun;

import io.chatbackend.platform.infra.GeneratedSecret;
import io.chatbackend.platform.infra.SchemaOwners;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The secrets of one system (the local run, or a test stack): generated on first start, each kept in a file of
 * its own under {@code secrets/} (owner-readable only), and handed to each service as environment variables,
 * never on a command line where {@code ps} would show them. Which service needs which secret mirrors the
 * services' own declarations ({@code chat.secrets.required} in each application.yml; ADR 0016). Each context with
 * a database gets a database user of its own that owns its schema and nothing else.
 */
public final class SystemSecrets {

    /** The services that fetch client-credentials tokens from UAA, each with a secret UAA knows too. */
    private static final List<String> SERVICE_CLIENTS = List.of("message-domain", "dialog-domain", "notification");
    /** The contexts serving an audit stream (ADR 0027): each signs its checkpoints with a key of its own. */
    private static final List<String> AUDITED = List.of("uaa", "message-domain", "dialog-domain", "user-client");
    /** The contexts with a PostgreSQL schema, and its name. */
    private static final Map<String, String> SCHEMAS = Map.of("uaa", "uaa", "message-domain", "message_domain",
            "dialog-domain", "dialog_domain", "user-client", "user_client");

    private final Path directory;
    private final Database database;

    /**
     * Where the contexts' database users are created.
     *
     * @param jdbcUrlOf      the JDBC URL of each service's database
     * @param adminUser      a user that may create roles and schemas
     * @param adminPassword  its password
     * @param roleSuffix     appended to each context's role name ({@code ""} in the local run; tests running several
     *                       stacks on one server give each stack its own roles)
     */
    public record Database(Function<String, String> jdbcUrlOf, String adminUser, String adminPassword,
                           String roleSuffix) {
    }

    public SystemSecrets(Path directory, Database database) {
        this.directory = directory;
        this.database = database;
    }

    /** The environment variables {@code service} needs (empty for a service that keeps no secret). */
    public Map<String, String> environmentOf(String service) {
        String role = service.replaceFirst("-\\d+$", ""); // a second node of a service has the same secrets
        Map<String, String> environment = new LinkedHashMap<>();
        String schema = SCHEMAS.get(role);
        if (schema != null) {
            String user = schema + database.roleSuffix();
            String password = secret("db-" + role);
            SchemaOwners.ensure(database.jdbcUrlOf().apply(service), database.adminUser(), database.adminPassword(),
                    schema, user, password);
            environment.put("SPRING_DATASOURCE_USERNAME", user);
            environment.put("SPRING_DATASOURCE_PASSWORD", password);
        }
        if (AUDITED.contains(role)) {
            environment.put("CHAT_AUDIT_CHECKPOINT_KEY", secret("audit-checkpoint-key-" + role));
        }
        if (SERVICE_CLIENTS.contains(role)) {
            environment.put("CHAT_SERVICE_CLIENT_SECRET", secret("client-" + role));
        }
        if (role.equals("uaa")) {
            environment.put("CHAT_UAA_KEY_ENCRYPTION_KEY", secret("uaa-key-encryption-key"));
            for (String client : SERVICE_CLIENTS) {
                environment.put("CHAT_SECRET_" + client.toUpperCase(Locale.ROOT).replace('-', '_'),
                        secret("client-" + client));
            }
        }
        if (role.equals("notification")) {
            environment.put("CHAT_NOTIFICATION_TICKET_SECRET", secret("ticket-key"));
        }
        return environment;
    }

    /** One named secret: the same value for every service and every restart on the same data. */
    public String secret(String name) {
        return GeneratedSecret.readOrCreate(directory.resolve(name));
    }
}
