package io.chatbackend.platform.cassandra;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * The standard {@code spring.cassandra.*} properties (so {@code SPRING_CASSANDRA_CONTACT_POINTS} etc. work
 * against a real cluster), plus where this service's CQL migrations live and how its keyspace replicates.
 */
@ConfigurationProperties("spring.cassandra")
public record CassandraProperties(
        List<String> contactPoints,
        Integer port,
        String localDatacenter,
        String keyspaceName,
        Duration requestTimeout,
        String migrations,
        String replication) {

    public CassandraProperties {
        contactPoints = contactPoints == null || contactPoints.isEmpty() ? List.of("127.0.0.1") : contactPoints;
        port = port == null ? 9042 : port;
        localDatacenter = localDatacenter == null ? "datacenter1" : localDatacenter;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        replication = replication == null ? "{'class': 'SimpleStrategy', 'replication_factor': 1}" : replication;
    }
}
