package io.chatbackend.platform.events.consumer;

import io.chatbackend.platform.events.IntegrationEvent;

/**
 * An integration event as read from Kafka, with where it was read from.
 *
 * @param topic     the logical topic (without the test prefix)
 * @param partition the partition
 * @param offset    the record's offset in the partition
 * @param key       the record key
 * @param event     the decoded envelope
 */
public record ReceivedEvent(String topic, int partition, long offset, String key, IntegrationEvent event) {
}
