package io.chatbackend.platform.testing;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.chatbackend.platform.infra.Endpoints;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared servers are real and reachable: a SQL round trip, a Kafka produce/consume, a CQL round trip. */
class EmbeddedServersIT {

    private final Endpoints endpoints = SharedInfrastructure.endpoints();

    @Test
    void postgresStoresAndReadsRowsInAnIsolatedDatabase() throws Exception {
        String url = IsolatedData.newDatabase("servers");
        try (var connection = DriverManager.getConnection(url, endpoints.postgresUsername(),
                endpoints.postgresPassword()); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE probe (id INT PRIMARY KEY, text VARCHAR(20))");
            statement.execute("INSERT INTO probe VALUES (1, 'hello')");
            try (var rows = statement.executeQuery("SELECT text, version() FROM probe")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("hello");
                assertThat(rows.getString(2)).startsWith("PostgreSQL 17");
            }
        }
    }

    @Test
    void kafkaDeliversWhatWasProducedInOrder() throws Exception {
        String topic = IsolatedData.uniqueName("probe");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "key", "value-" + i)).get();
            }
        }
        List<String> received = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, IsolatedData.uniqueName("group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.size() < 5 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(record.value());
                }
            }
        }
        assertThat(received).containsExactly("value-0", "value-1", "value-2", "value-3", "value-4");
    }

    @Test
    void cassandraRunsCqlInAFreshKeyspace() {
        String keyspace = IsolatedData.uniqueName("probe");
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(endpoints.cassandraHost(), endpoints.cassandraPort()))
                .withLocalDatacenter(endpoints.cassandraLocalDatacenter())
                .withConfigLoader(DriverConfigLoader.programmaticBuilder()
                        .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30)).build())
                .build()) {
            session.execute("CREATE KEYSPACE " + keyspace
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
            session.execute("CREATE TABLE " + keyspace + ".probe (id int PRIMARY KEY, text text)");
            session.execute("INSERT INTO " + keyspace + ".probe (id, text) VALUES (1, 'hello')");
            assertThat(session.execute("SELECT text FROM " + keyspace + ".probe WHERE id = 1").one().getString(0))
                    .isEqualTo("hello");
        }
    }
}
