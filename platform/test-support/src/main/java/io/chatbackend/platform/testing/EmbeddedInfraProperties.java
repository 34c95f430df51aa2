package io.chatbackend.platform.testing;

import io.chatbackend.platform.infra.Endpoints;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Points a Spring Boot test at the shared embedded servers, through the same standard properties a deployment
 * sets, with a database and keyspace of its own.
 */
public final class EmbeddedInfraProperties {

    private EmbeddedInfraProperties() {
    }

    public static void register(DynamicPropertyRegistry registry, String prefix) {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        String jdbcUrl = IsolatedData.newDatabase(prefix);
        String keyspace = IsolatedData.uniqueName(prefix);
        registry.add("spring.datasource.url", () -> jdbcUrl);
        registry.add("spring.datasource.username", endpoints::postgresUsername);
        registry.add("spring.datasource.password", endpoints::postgresPassword);
        registry.add("spring.kafka.bootstrap-servers", endpoints::kafkaBootstrapServers);
        registry.add("spring.cassandra.contact-points", () -> endpoints.cassandraHost() + ":" + endpoints.cassandraPort());
        registry.add("spring.cassandra.local-datacenter", endpoints::cassandraLocalDatacenter);
        registry.add("spring.cassandra.keyspace-name", () -> keyspace);
        // computed once: the registry calls the supplier on every read, and all readers must agree on the topics
        String topicPrefix = IsolatedData.uniqueName(prefix) + ".";
        registry.add("chat.integration.topic-prefix", () -> topicPrefix);
    }
}
