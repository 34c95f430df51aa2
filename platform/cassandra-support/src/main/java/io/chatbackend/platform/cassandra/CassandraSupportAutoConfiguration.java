package io.chatbackend.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A {@link CqlSession} bound to this service's keyspace, created (if missing) and migrated before the session is
 * handed out, so nothing reads a half-migrated keyspace.
 */
@AutoConfiguration
@ConditionalOnProperty("spring.cassandra.keyspace-name")
@EnableConfigurationProperties(CassandraProperties.class)
public class CassandraSupportAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    CqlSession cqlSession(CassandraProperties properties) {
        CqlIdentifier keyspace = CqlIdentifier.fromInternal(properties.keyspaceName());
        try (CqlSession bootstrap = builder(properties).build()) {
            bootstrap.execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace.asCql(true) + " WITH replication = "
                    + properties.replication());
        }
        CqlSession session = builder(properties).withKeyspace(keyspace).build();
        if (properties.migrations() != null) {
            new CqlMigrations(session, new PathMatchingResourcePatternResolver(), properties.migrations()).apply();
        }
        return session;
    }

    @Bean("cassandra")
    CassandraHealthIndicator cassandraHealthIndicator(CqlSession session) {
        return new CassandraHealthIndicator(session);
    }

    private static CqlSessionBuilder builder(CassandraProperties properties) {
        CqlSessionBuilder builder = CqlSession.builder()
                .withLocalDatacenter(properties.localDatacenter())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, properties.requestTimeout())
                        .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, properties.requestTimeout())
                        .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT,
                                properties.requestTimeout())
                        .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT,
                                properties.requestTimeout())
                        // after an outage, find the node again within seconds (the default backs off to 60 s)
                        .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(5))
                        .build());
        for (String contactPoint : properties.contactPoints()) {
            int colon = contactPoint.lastIndexOf(':');
            String host = colon > 0 ? contactPoint.substring(0, colon) : contactPoint;
            int port = colon > 0 ? Integer.parseInt(contactPoint.substring(colon + 1)) : properties.port();
            builder.addContactPoint(new InetSocketAddress(host, port));
        }
        return builder;
    }
}
