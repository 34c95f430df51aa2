package io.chatbackend.dialog.evolution;

import io.chatbackend.dialog.command.AddMembersCommand;
import io.chatbackend.dialog.command.Dialog;
import io.chatbackend.dialog.command.MemberJoinedEvent;
import io.chatbackend.dialog.command.MemberRole;
import io.chatbackend.platform.axon.AxonSupportAutoConfiguration;
import io.chatbackend.platform.axon.FirstRevisionUpcaster;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stored old forms of dialog-domain's events (test resources {@code event-samples/}) read through the context's
 * upcasters, as the event store reads them, into today's {@link Dialog} (ADR 0029).
 */
class StoredEventSamplesTest {

    private static final String DIALOG = "5d1f1f3c-6c37-4c3e-9d61-2f0a7c1b0c01";
    private static final UUID CREATOR = UUID.fromString("0b4e9a36-52a4-4c21-8c48-6b1a3f0e2a11");

    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(AxonSupportAutoConfiguration.axonObjectMapper()).lenientDeserialization().build();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(new FirstRevisionUpcaster(),
            new MemberJoinedRevision2Upcaster());

    @Test
    void aMemberJoinedStoredBeforeRevisionsReadsAsRevision2WithoutAddedBy() throws IOException {
        List<DomainEventMessage<?>> read = read(List.of(
                sample("io.chatbackend.dialog.command.DialogCreatedEvent", null, 0),
                sample("io.chatbackend.dialog.command.MemberJoinedEvent", null, 1)));

        assertThat(read.get(1).getPayload()).isEqualTo(new MemberJoinedEvent(DIALOG, CREATOR, MemberRole.ADMIN, 1,
                null));
    }

    @Test
    void todaysDialogIsSourcedFromTheOldForms() throws IOException {
        Object[] history = read(List.of(sample("io.chatbackend.dialog.command.DialogCreatedEvent", null, 0),
                sample("io.chatbackend.dialog.command.MemberJoinedEvent", null, 1)))
                .stream().map(DomainEventMessage::getPayload).toArray();
        UUID newcomer = UUID.randomUUID();

        new AggregateTestFixture<>(Dialog.class).given(history)
                .when(new AddMembersCommand(DIALOG, CREATOR, List.of(CREATOR, newcomer), 10))
                .expectEvents(new MemberJoinedEvent(DIALOG, newcomer, MemberRole.MEMBER, 1, CREATOR));
    }

    private List<DomainEventMessage<?>> read(List<GenericDomainEventEntry<byte[]>> stored) {
        return EventStreamUtils.upcastAndDeserializeDomainEvents(stored.stream(), serializer, upcasters)
                .asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }

    private static GenericDomainEventEntry<byte[]> sample(String type, String revision, long sequence)
            throws IOException {
        String name = "/event-samples/" + type + "@" + revision + ".json";
        try (InputStream in = StoredEventSamplesTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new GenericDomainEventEntry<>("Dialog", DIALOG, sequence, UUID.randomUUID().toString(),
                    "2026-11-20T10:00:00Z", type, revision, in.readAllBytes(),
                    "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Every sample in the folder is one of the forms read above, so none is left untested. */
    @Test
    void everyStoredSampleIsReadHere() throws IOException {
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of(
                "src/test/resources/event-samples"))) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")))
                    .containsExactlyInAnyOrder("io.chatbackend.dialog.command.DialogCreatedEvent@null.json",
                            "io.chatbackend.dialog.command.MemberJoinedEvent@null.json");
        }
    }
}
