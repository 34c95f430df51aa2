package io.chatbackend.system;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every public JSON route of the API as the gateway exposes it, with a well-formed request to it: the fuzzer's
 * catalog. {@code PublicApiFuzzIT} checks it against the routes the services map and the gateway forwards, so a new
 * route that is not fuzzed fails the build.
 */
final class PublicRoutes {

    /** Whose token a request carries. */
    enum Caller {
        /** None (the routes that hand out tokens). */
        ANONYMOUS,
        /** A member of the example dialog, no roles. */
        MEMBER,
        /** The administrator (role ADMIN). */
        ADMIN
    }

    /**
     * One route: {@code template} with {@code {variables}} filled from the test's examples by name, the query
     * parameters it reads with a well-formed value each, and a well-formed JSON body (null: the route reads none)
     * whose {@code required} members must be present.
     */
    record Route(String method, String template, Caller caller, Map<String, String> query, String body,
                 Set<String> required) {

        String key() {
            return method + " " + template;
        }

        boolean readsInput() {
            return template.contains("{") || !query.isEmpty() || body != null;
        }
    }

    private PublicRoutes() {
    }

    static final List<Route> ALL = List.of(
            // uaa
            route("POST", "/api/v1/auth/register", Caller.ANONYMOUS,
                    "{\"username\":\"fuzzer\",\"password\":\"a fine password 1\",\"displayName\":\"Fuzz\"}",
                    "username", "password"),
            route("POST", "/api/v1/auth/login", Caller.ANONYMOUS,
                    "{\"username\":\"fuzzer\",\"password\":\"a fine password 1\",\"deviceId\":\"fuzz\"}",
                    "username", "password"),
            route("POST", "/api/v1/auth/refresh", Caller.ANONYMOUS, "{\"refreshToken\":\"abc\"}", "refreshToken"),
            route("POST", "/api/v1/auth/logout", Caller.ANONYMOUS, "{\"refreshToken\":\"abc\"}", "refreshToken"),
            route("POST", "/api/v1/admin/provision", Caller.ADMIN, "{\"count\":2,\"usernamePrefix\":\"fz\"}",
                    "count"),
            // nothing to malform: attacked by a member without the role
            route("POST", "/api/v1/admin/keys/rotate", Caller.MEMBER, null),
            route("PUT", "/api/v1/admin/users/{userId}/roles/{role}", Caller.MEMBER, null),
            route("DELETE", "/api/v1/admin/users/{userId}/roles/{role}", Caller.MEMBER, null),
            route("GET", "/api/v1/users/me", Caller.MEMBER, null),
            route("PATCH", "/api/v1/users/me", Caller.MEMBER, "{\"displayName\":\"Fuzz\"}", "displayName"),
            route("GET", "/api/v1/users/{userId}", Caller.MEMBER, null),
            query("GET", "/api/v1/users", Caller.MEMBER, Map.of("query", "fuzz", "limit", "5")),
            // message-domain
            route("POST", "/api/v1/dialogs/{dialogId}/messages", Caller.MEMBER,
                    "{\"clientMessageId\":\"%s\",\"body\":{\"type\":\"text\",\"text\":\"hello\"}}"
                            .formatted(new java.util.UUID(7, 7)), "clientMessageId", "body", "type", "text"),
            route("GET", "/api/v1/messages/{messageId}", Caller.MEMBER, null),
            route("GET", "/api/v1/admin/tcc/heuristics", Caller.ADMIN, null),
            route("POST", "/api/v1/admin/tcc/heuristics/{messageId}/resolve", Caller.ADMIN,
                    "{\"resolution\":\"checked by hand\"}", "resolution"),
            // dialog-domain
            route("POST", "/api/v1/dialogs", Caller.MEMBER,
                    "{\"type\":\"group\",\"title\":\"fuzz\",\"memberIds\":[\"{userId}\"]}", "type"),
            query("GET", "/api/v1/dialogs", Caller.MEMBER, Map.of("limit", "10", "cursor", "")),
            route("GET", "/api/v1/dialogs/{dialogId}", Caller.MEMBER, null),
            route("POST", "/api/v1/dialogs/{dialogId}/members", Caller.MEMBER,
                    "{\"userIds\":[\"{strangerId}\"]}", "userIds"),
            route("DELETE", "/api/v1/dialogs/{dialogId}/members/{userId}", Caller.MEMBER, null),
            route("POST", "/api/v1/dialogs/{dialogId}/read", Caller.MEMBER, "{\"upToSeq\":1}", "upToSeq"),
            query("GET", "/api/v1/dialogs/{dialogId}/messages", Caller.MEMBER,
                    Map.of("afterSeq", "0", "beforeSeq", "3", "limit", "10")),
            query("GET", "/api/v1/dialogs/{dialogId}/digest", Caller.MEMBER, Map.of("fromSeq", "1", "toSeq", "2")),
            route("GET", "/api/v1/blocks", Caller.MEMBER, null),
            route("PUT", "/api/v1/blocks/{userId}", Caller.MEMBER, null),
            route("DELETE", "/api/v1/blocks/{userId}", Caller.MEMBER, null),
            route("GET", "/api/v1/admin/read-models", Caller.ADMIN, null),
            route("POST", "/api/v1/admin/read-models/{model}/rebuild", Caller.ADMIN, null),
            route("POST", "/api/v1/admin/read-models/{model}/compare", Caller.ADMIN, null),
            route("GET", "/api/v1/admin/read-models/{model}/rebuilds/{jobId}", Caller.ADMIN, null),
            // user-client
            route("GET", "/api/v1/clients", Caller.MEMBER, null),
            route("PUT", "/api/v1/clients/{deviceId}", Caller.MEMBER, "{\"name\":\"phone\"}", "name"),
            route("DELETE", "/api/v1/clients/{deviceId}", Caller.MEMBER, null),
            route("PUT", "/api/v1/clients/{deviceId}/push", Caller.MEMBER,
                    "{\"url\":\"https://push.example.com/hook\"}", "url"),
            route("DELETE", "/api/v1/clients/{deviceId}/push", Caller.MEMBER, null),
            query("GET", "/api/v1/presence", Caller.MEMBER, Map.of("userIds", "{userId}")),
            // notification
            route("POST", "/api/v1/ws/ticket", Caller.MEMBER, null),
            // the audit API of every context (one controller; its calls are recorded, so attacked by a member
            // without the role: nothing may be recorded or read)
            query("GET", "/api/v1/audit/{context}/events", Caller.MEMBER,
                    Map.of("after", "0", "limit", "10", "form", "stored")),
            route("GET", "/api/v1/audit/{context}/aggregates/{aggregateId}/events", Caller.MEMBER, null),
            route("POST", "/api/v1/audit/{context}/verify", Caller.MEMBER, null),
            route("GET", "/api/v1/audit/{context}/verifications/{verificationId}", Caller.MEMBER, null),
            query("GET", "/api/v1/audit/{context}/access", Caller.MEMBER, Map.of("after", "0", "limit", "10")));

    private static Route route(String method, String template, Caller caller, String body, String... required) {
        return new Route(method, template, caller, Map.of(), body, Set.of(required));
    }

    private static Route query(String method, String template, Caller caller, Map<String, String> query) {
        return new Route(method, template, caller, query, null, Set.of());
    }
}
