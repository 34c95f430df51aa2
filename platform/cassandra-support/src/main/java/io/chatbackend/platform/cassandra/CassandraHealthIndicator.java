package io.chatbackend.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** UP when Cassandra answers a query on the local node. */
public class CassandraHealthIndicator extends AbstractHealthIndicator {

    private final CqlSession session;

    public CassandraHealthIndicator(CqlSession session) {
        super("Cassandra health check failed");
        this.session = session;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var row = session.execute("SELECT release_version FROM system.local").one();
        builder.up().withDetail("version", row == null ? "unknown" : row.getString(0))
                .withDetail("keyspace", session.getKeyspace().map(Object::toString).orElse("none"));
    }
}
