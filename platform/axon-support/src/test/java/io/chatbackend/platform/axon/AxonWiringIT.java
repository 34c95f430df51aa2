package io.chatbackend.platform.axon;

import io.chatbackend.platform.axon.probe.ProbeApplication;
import io.chatbackend.platform.axon.probe.ProbeCommands;
import io.chatbackend.platform.axon.probe.ProbeEvents;
import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Axon wiring on the real PostgreSQL: the stores and the transaction manager are the JDBC/Spring ones
 * (never Axon's in-memory fallbacks), every event carries the audit metadata, and the hash chain verifies and
 * breaks when a stored row is altered or removed.
 */
@SpringBootTest(classes = ProbeApplication.class, properties = {
        "spring.application.name=axon-probe",
        "spring.flyway.locations=classpath:db/axon-test",
        "chat.axon.snapshot-threshold=3"})
class AxonWiringIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "axon");
    }

    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    EventStore eventStore;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStoreAuditLog auditLog;
    @Autowired
    HashChainVerifier verifier;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager springTransactions;
    @Autowired
    ConnectionProvider connections;
    @Autowired
    Serializer serializer;

    @Test
    void storesAreJdbcAndTransactionsAreSpringManaged() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class)
                .isInstanceOf(HashChainingJdbcEventStorageEngine.class);
        assertThat(tokenStore).isInstanceOf(JdbcTokenStore.class);
        assertThat(transactionManager).isInstanceOf(SpringTransactionManager.class);
    }

    @Test
    void eventsAreStoredInPostgresWithAuditMetadataAndAChainThatVerifies() {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new ProbeCommands.Create(id, "one"),
                MetaData.with(AuditMetadata.CORRELATION_ID, "request-42").and(AuditMetadata.PRINCIPAL, "user:alice"));
        MDC.put(AuditDispatchInterceptor.MDC_REQUEST_ID, "request-43");
        try {
            commands.sendAndWait(new ProbeCommands.Change(id, "two"));
        } finally {
            MDC.remove(AuditDispatchInterceptor.MDC_REQUEST_ID);
        }
        commands.sendAndWait(new ProbeCommands.Change(id, "three"));

        Integer rows = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, id);
        assertThat(rows).isEqualTo(3);
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents(id, 0).asStream().toList();
        MetaData first = events.get(0).getMetaData();
        assertThat(first.get(AuditMetadata.CORRELATION_ID)).isEqualTo("request-42");
        assertThat(first.get(AuditMetadata.PRINCIPAL)).isEqualTo("user:alice");
        assertThat(first.get(AuditMetadata.CAUSATION_ID)).isNotNull();
        assertThat(first.get(AuditMetadata.CHAIN_HASH)).asString().hasSize(64);
        MetaData second = events.get(1).getMetaData();
        assertThat(second.get(AuditMetadata.PRINCIPAL)).isEqualTo("service:axon-probe");
        assertThat(second.get(AuditMetadata.CORRELATION_ID)).isEqualTo("request-43");
        MetaData third = events.get(2).getMetaData();
        assertThat(third.get(AuditMetadata.CORRELATION_ID)).as("an edge command starts its own correlation")
                .isEqualTo(third.get(AuditMetadata.CAUSATION_ID));

        HashChainVerifier.Report report = verifier.verifyAggregate(id);
        assertThat(report.intact()).isTrue();
        assertThat(report.eventsChecked()).isEqualTo(3);
    }

    @Test
    void aChangedPayloadBreaksTheChainAtThatEvent() {
        String id = createWithChanges(3);
        jdbc.update("UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                + "'text-2', 'forged'), 'UTF8') WHERE aggregateidentifier = ? AND sequencenumber = 2", id);

        HashChainVerifier.Report report = verifier.verifyAggregate(id);
        assertThat(report.breaks()).as("only the changed event: the next follows the stored chain")
                .singleElement().satisfies(broken -> {
                    assertThat(broken.aggregateId()).isEqualTo(id);
                    assertThat(broken.sequenceNumber()).isEqualTo(2);
                });
    }

    @Test
    void aChangedPrincipalOrARemovedEventBreaksTheChain() {
        String changed = createWithChanges(2);
        jdbc.update("UPDATE domainevententry SET metadata = convert_to(replace(convert_from(metadata, 'UTF8'), "
                + "'service:axon-probe', 'user:mallory'), 'UTF8') WHERE aggregateidentifier = ? AND "
                + "sequencenumber = 1", changed);
        assertThat(verifier.verifyAggregate(changed).firstBreak()).hasValueSatisfying(
                broken -> assertThat(broken.sequenceNumber()).isEqualTo(1));

        String removed = createWithChanges(3);
        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1", removed);
        assertThat(verifier.verifyAggregate(removed).breaks()).singleElement().satisfies(broken -> {
            assertThat(broken.sequenceNumber()).isEqualTo(1);
            assertThat(broken.reason()).isEqualTo("event 1 is missing");
        });
    }

    @Test
    void longStreamsAreSnapshottedAndStillLoad() {
        String id = createWithChanges(5);
        Integer snapshots = jdbc.queryForObject(
                "SELECT count(*) FROM snapshotevententry WHERE aggregateidentifier = ?", Integer.class, id);
        assertThat(snapshots).isPositive();
        commands.sendAndWait(new ProbeCommands.Change(id, "after-snapshot"));
        assertThat(verifier.verifyAggregate(id).intact()).isTrue();
    }

    /**
     * Appending keeps the chain hash of the last committed event of each aggregate; an append that rolled back must
     * never be the link of the next event, even when another node appends that sequence number for real.
     */
    @Test
    void anAppendThatRolledBackNeverLinksTheNextEvent() {
        String id = createWithChanges(1);
        new TransactionTemplate(springTransactions).executeWithoutResult(status -> {
            storageEngine.appendEvents(new GenericDomainEventMessage<>("ProbeAggregate", id, 2,
                    new ProbeEvents.Changed(id, "rolled back")));
            status.setRollbackOnly();
        });
        EventStorageEngine otherNode = new HashChainingJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .connectionProvider(connections).transactionManager(transactionManager)
                .eventSerializer(serializer).snapshotSerializer(serializer));
        transactionManager.executeInTransaction(() -> otherNode.appendEvents(new GenericDomainEventMessage<>(
                "ProbeAggregate", id, 2, new ProbeEvents.Changed(id, "from the other node"))));

        commands.sendAndWait(new ProbeCommands.Change(id, "after both"));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, id)).isEqualTo(4);
        HashChainVerifier.Report report = verifier.verifyAggregate(id);
        assertThat(report.firstBreak()).isEmpty();
        assertThat(report.eventsChecked()).isEqualTo(4);
    }

    /**
     * ADR 0029: a snapshot of the aggregate's shape today is used; one of an older shape (another revision) is
     * passed over and the aggregate is sourced from its events.
     */
    @Test
    void aSnapshotOfAnOlderShapeIsPassedOverAndTheAggregateSourcedFromItsEvents() {
        String id = createWithChanges(4);
        assertThat(jdbc.queryForList("SELECT payloadrevision FROM snapshotevententry WHERE aggregateidentifier = ?",
                String.class, id)).as("snapshots are taken in today's shape").isNotEmpty().containsOnly("2");
        jdbc.update("DELETE FROM snapshotevententry WHERE aggregateidentifier = ? AND sequencenumber < (SELECT "
                + "max(sequencenumber) FROM snapshotevententry WHERE aggregateidentifier = ?)", id, id);
        jdbc.update("UPDATE snapshotevententry SET sequencenumber = (SELECT max(sequencenumber) FROM "
                + "domainevententry WHERE aggregateidentifier = ?), payload = convert_to('{\"id\":\"' || ? || "
                + "'\",\"text\":\"from the snapshot\"}', 'UTF8') WHERE aggregateidentifier = ?", id, id, id);
        assertThat(commands.<String>sendAndWait(new ProbeCommands.Show(id))).as("a current snapshot is used")
                .isEqualTo("from the snapshot");

        jdbc.update("UPDATE snapshotevententry SET payloadrevision = '1' WHERE aggregateidentifier = ?", id);
        assertThat(commands.<String>sendAndWait(new ProbeCommands.Show(id))).as("an older shape is passed over")
                .isEqualTo("text-4");
    }

    /**
     * Positions are handed out when an append starts and seen when it commits: a later append can be visible while
     * an earlier one is still open. The auditors' horizon must stay below the open one until it ends.
     */
    @Test
    void theAuditHorizonNeverPassesAnAppendStillInProgress() throws Exception {
        createWithChanges(0);
        long before = auditLog.horizon();
        String slowId = UUID.randomUUID().toString();
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Thread slow = new Thread(() -> new TransactionTemplate(springTransactions).executeWithoutResult(status -> {
            storageEngine.appendEvents(new GenericDomainEventMessage<>("ProbeAggregate", slowId, 0,
                    new ProbeEvents.Changed(slowId, "slow")));
            appended.countDown();
            try {
                commit.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        slow.start();
        try {
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
            String laterId = createWithChanges(0);
            long later = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, laterId);

            assertThat(auditLog.horizon()).as("the open append holds the horizon").isEqualTo(before);
            assertThat(auditLog.between(before, auditLog.horizon(), 100)).isEmpty();

            commit.countDown();
            slow.join(30_000);
            long after = auditLog.horizon();
            assertThat(after).isGreaterThanOrEqualTo(later);
            assertThat(auditLog.between(before, after, 100)).extracting(StoredEvent::aggregateId)
                    .containsExactly(slowId, laterId);
        } finally {
            commit.countDown();
            slow.join(30_000);
        }
    }

    private String createWithChanges(int changes) {
        String id = UUID.randomUUID().toString();
        commands.sendAndWait(new ProbeCommands.Create(id, "text-0"));
        for (int i = 1; i <= changes; i++) {
            commands.sendAndWait(new ProbeCommands.Change(id, "text-" + i));
        }
        return id;
    }
}
