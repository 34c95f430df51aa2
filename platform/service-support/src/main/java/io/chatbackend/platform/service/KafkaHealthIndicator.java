package io.chatbackend.platform.service;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import java.util.concurrent.TimeUnit;

/** UP when the Kafka cluster answers a metadata request within a few seconds. */
public class KafkaHealthIndicator extends AbstractHealthIndicator {

    private final Admin admin;

    public KafkaHealthIndicator(Admin admin) {
        super("Kafka health check failed");
        this.admin = admin;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(5000));
        int brokers = cluster.nodes().get(5, TimeUnit.SECONDS).size();
        builder.up().withDetail("clusterId", cluster.clusterId().get(5, TimeUnit.SECONDS))
                .withDetail("brokers", brokers);
    }
}
