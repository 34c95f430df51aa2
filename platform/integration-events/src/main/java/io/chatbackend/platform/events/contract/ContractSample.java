package io.chatbackend.platform.events.contract;

import io.chatbackend.platform.events.IntegrationEvent;

/**
 * One frozen sample of a published integration event: a complete envelope as it once travelled on its topic, kept
 * forever so that consumers of that version can still be tested against it.
 *
 * @param file  the sample's file name, {@code <type>.v<version>.json}
 * @param event the decoded envelope
 */
public record ContractSample(String file, IntegrationEvent event) {

    public String type() {
        return event.type();
    }

    public int version() {
        return event.version();
    }
}
