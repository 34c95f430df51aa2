package io.chatbackend.platform.events;

import io.chatbackend.platform.axon.AuditMetadata;
import io.chatbackend.platform.events.axon.EventStoreRelay;
import io.chatbackend.platform.events.axonprobe.ProbeMapper;
import io.chatbackend.platform.events.axonprobe.ProbeThing;
import io.chatbackend.platform.events.axonprobe.RelayProbeApplication;
import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event-store relay in a Spring Boot application with axon-support's JDBC event and token stores: an
 * aggregate's events go out in order with their stored ids, a failed batch is retried without loss, and a replay
 * republishes the same ids.
 */
@SpringBootTest(classes = RelayProbeApplication.class, properties = {
        "spring.application.name=relay-probe",
        "spring.flyway.locations=classpath:db/events-axon-test",
        "axon.axonserver.enabled=false"})
class EventStoreRelayIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "evrelay");
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TopicNames names;
    @Autowired
    IntegrationEventCodec codec;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    TokenStore tokenStore;
    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrap;

    @Test
    void eachAggregatesEventsGoOutInOrderWithTheirStoredIdsAndAReplayRepublishesTheSameIds() throws Exception {
        List<String> ids = IntStream.range(0, 4).mapToObj(i -> UUID.randomUUID().toString()).toList();
        for (String id : ids) {
            commands.sendAndWait(new ProbeThing.Create(id, "created"),
                    MetaData.with(AuditMetadata.CORRELATION_ID, "request-" + id));
        }
        for (int round = 1; round < 15; round++) {
            for (String id : ids) {
                commands.sendAndWait(new ProbeThing.Change(id, "change-" + round));
                if (round == 7) {
                    commands.sendAndWait(new ProbeThing.Touch(id)); // stays private: not published
                }
            }
        }

        Map<String, List<IntegrationEvent>> published = Awaiting.byKey(read(ids, 4 * 15), codec);
        for (String id : ids) {
            List<IntegrationEvent> events = published.get(id);
            assertThat(events).hasSize(15);
            List<Long> expectedSequences = new ArrayList<>(LongStream.range(0, 16).boxed().toList());
            expectedSequences.remove(8L); // the unpublished Touched event took sequence 8
            assertThat(events.stream().map(IntegrationEvent::aggregateSequence).toList())
                    .isEqualTo(expectedSequences);
            assertThat(events.stream().map(IntegrationEvent::eventId).toList()).as("the stored event identifiers")
                    .isEqualTo(jdbc.queryForList("SELECT eventidentifier FROM domainevententry WHERE "
                            + "aggregateidentifier = ? AND payloadtype NOT LIKE '%Touched' ORDER BY sequencenumber",
                            String.class, id));
            IntegrationEvent first = events.get(0);
            assertThat(first.type()).isEqualTo("ThingCreated");
            assertThat(first.aggregateId()).isEqualTo(id);
            assertThat(first.correlationId()).isEqualTo("request-" + id);
            assertThat(first.causationId()).isNotNull();
            assertThat(first.occurredAt()).isNotNull();
            assertThat(first.payload().get("text").asString()).isEqualTo("created");
            assertThat(events.get(14).type()).isEqualTo("ThingChanged");
        }
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tokenentry WHERE processorname = ?", Integer.class,
                EventStoreRelay.PROCESSING_GROUP)).as("the relay's token is in the JDBC token store").isEqualTo(1);

        TrackingEventProcessor processor = processing.eventProcessor(EventStoreRelay.PROCESSING_GROUP,
                TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        Map<String, List<IntegrationEvent>> republished = Awaiting.byKey(read(ids, 2 * 4 * 15), codec);
        for (String id : ids) {
            List<String> eventIds = republished.get(id).stream().map(IntegrationEvent::eventId).toList();
            assertThat(eventIds.subList(15, 30)).as("a replay repeats the same ids in the same order")
                    .isEqualTo(eventIds.subList(0, 15));
        }
    }

    @Test
    void aBatchWhoseMappingFailsIsRetriedAndNothingIsLostOrReordered() throws Exception {
        String id = UUID.randomUUID().toString();
        ProbeMapper.FAIL_ONCE.add("boom-" + id);
        int failuresBefore = ProbeMapper.FAILURES.get();
        commands.sendAndWait(new ProbeThing.Create(id, "created"));
        commands.sendAndWait(new ProbeThing.Change(id, "before"));
        commands.sendAndWait(new ProbeThing.Change(id, "boom-" + id));
        commands.sendAndWait(new ProbeThing.Change(id, "after"));

        List<IntegrationEvent> events = Awaiting.byKey(read(List.of(id), 4), codec).get(id);
        assertThat(ProbeMapper.FAILURES.get()).isEqualTo(failuresBefore + 1);
        LinkedHashSet<Long> firstDeliveries = new LinkedHashSet<>();
        events.forEach(event -> firstDeliveries.add(event.aggregateSequence()));
        assertThat(firstDeliveries).as("first deliveries in order; a retried batch may repeat a head")
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(events.get(events.size() - 1).payload().get("text").asString()).isEqualTo("after");
    }

    /** Reads the topic until it holds at least {@code expected} records for the given keys. */
    private List<ConsumerRecord<String, byte[]>> read(List<String> keys, int expected) throws InterruptedException {
        List<ConsumerRecord<String, byte[]>> records = TopicReader.readUntil(bootstrap,
                names.physical(RelayProbeApplication.TOPIC),
                all -> all.stream().filter(r -> keys.contains(r.key())).count() >= expected, WAIT);
        return records.stream().filter(r -> keys.contains(r.key())).toList();
    }
}
