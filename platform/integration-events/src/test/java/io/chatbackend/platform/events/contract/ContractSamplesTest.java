package io.chatbackend.platform.events.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ContractSamplesTest {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final ContractSamples good = ContractSamples.in("samples-good", getClass().getClassLoader());

    @Test
    void listedUnchangedSamplesAreFrozenAndReadOldestFirst() {
        assertThat(good.problems()).isEmpty();
        assertThat(good.of("Thing")).extracting(ContractSample::file).containsExactly("Thing.v1.json", "Thing.v2.json");
        assertThat(good.of("Unknown")).isEmpty();
    }

    @Test
    void aChangedAMissingAnUnlistedAndAMisnamedSampleAreEachReported() {
        ContractSamples tampered = ContractSamples.in("samples-tampered", getClass().getClassLoader());

        assertThat(tampered.problems()).containsExactlyInAnyOrder(
                "Thing.v2.json changed after it was frozen: add a new version instead",
                "Gone.v1.json is listed but missing: a published sample is never removed",
                "Other.v1.json is in no manifest: list it in its module's samples-tampered/<module>.sha256",
                "Thing.v9.json holds Thing.v3.json: the name must say the type and version");
        assertThat(tampered.all()).extracting(ContractSample::file).containsExactly("Thing.v1.json");
    }

    @Test
    void anAdditiveNewVersionWithItsSampleMayBePublished() {
        assertThat(good.checkPublished(thing(2, "{\"thingId\":\"t-9\",\"count\":1,\"label\":{\"text\":\"x\"},"
                + "\"colour\":\"red\"}"))).isEmpty();
        assertThat(good.checkPublished(thing(2, "{\"thingId\":\"t-9\",\"count\":1,\"label\":{\"text\":null},"
                + "\"colour\":null}")))
                .as("null stands for an absent optional member").isEmpty();
    }

    @Test
    void removingOrRetypingAMemberAnEarlierReaderReadsIsReported() {
        assertThat(good.checkPublished(thing(2, "{\"thingId\":\"t-9\",\"label\":{\"text\":\"x\"},\"colour\":\"red\"}")))
                .containsExactly("Thing v2 breaks readers of Thing.v1.json: /payload/count removed (was NUMBER)",
                        "Thing v2 breaks readers of Thing.v2.json: /payload/count removed (was NUMBER)");
        assertThat(good.checkPublished(thing(2, "{\"thingId\":\"t-9\",\"count\":\"1\",\"label\":\"x\","
                + "\"colour\":\"red\"}"))).contains(
                "Thing v2 breaks readers of Thing.v1.json: /payload/count retyped from NUMBER to STRING",
                "Thing v2 breaks readers of Thing.v1.json: /payload/label/text removed (was STRING)");
    }

    @Test
    void aNewMemberWithoutANewVersionAndSampleIsReported() {
        assertThat(good.checkPublished(thing(2, "{\"thingId\":\"t\",\"count\":1,\"label\":{\"text\":\"x\"},"
                + "\"colour\":\"red\",\"size\":2}"))).containsExactly("Thing v2 publishes /payload/size, which "
                + "Thing.v2.json does not show: a new member is a new version");
        assertThat(good.checkPublished(thing(3, "{\"thingId\":\"t\",\"count\":1,\"label\":{\"text\":\"x\"},"
                + "\"colour\":\"red\",\"size\":2}"))).containsExactly(
                "no frozen sample of Thing v3: add Thing.v3.json and its manifest line");
        assertThat(good.checkPublished(new IntegrationEvent("e", "Gadget", 1, Instant.EPOCH, "a", 1, null, null,
                codec.parsePayload("{}")))).containsExactly("no frozen sample of Gadget: add Gadget.v1.json");
    }

    @Test
    void goingBackToAnOlderVersionThanAFrozenSampleIsReported() {
        assertThat(good.checkPublished(thing(1, "{\"thingId\":\"t\",\"count\":1,\"label\":{\"text\":\"x\"}}")))
                .containsExactly("Thing v1 breaks readers of Thing.v2.json: /payload/colour removed (was STRING)",
                        "Thing v1 is older than the frozen sample Thing.v2.json");
    }

    private IntegrationEvent thing(int version, String payload) {
        JsonNode tree = codec.parsePayload(payload);
        return new IntegrationEvent("e-9", "Thing", version, Instant.parse("2026-12-07T00:00:00Z"), "a-9", 4, "c-9",
                null, tree);
    }
}
