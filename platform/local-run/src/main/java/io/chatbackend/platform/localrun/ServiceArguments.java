package io.chatbackend.platform.localrun;

import io.chatbackend.platform.infra.Endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Spring arguments a service of the local run starts with: its port, the infrastructure, the other services. */
final class ServiceArguments {

    private ServiceArguments() {
    }

    static List<String> of(ServiceSpec service, Map<ServiceSpec, Integer> ports, Endpoints endpoints,
                           int gatewayPort) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--server.port=" + ports.get(service));
        arguments.add("--server.address=127.0.0.1");
        arguments.add("--spring.datasource.url=" + endpoints.postgresJdbcUrl());
        arguments.add("--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers());
        arguments.add("--spring.cassandra.contact-points=" + endpoints.cassandraHost() + ":"
                + endpoints.cassandraPort());
        arguments.add("--spring.cassandra.local-datacenter=" + endpoints.cassandraLocalDatacenter());
        arguments.add("--chat.public-url=http://127.0.0.1:" + gatewayPort);
        // a developer's machine on loopback: push receivers there listen on 127.0.0.1 over http, which the push
        // URL checks (SSRF, ADR 0014) refuse everywhere else; services other than user-client and notification
        // ignore these
        arguments.add("--chat.user-client.push-allow-private-networks=true");
        arguments.add("--chat.notification.push-allow-private-networks=true");
        for (var entry : ports.entrySet()) {
            arguments.add("--chat.services." + entry.getKey().name() + "=http://127.0.0.1:" + entry.getValue());
        }
        return arguments;
    }
}
