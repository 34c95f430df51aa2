package io.chatbackend.platform.axon;

import java.util.List;

/** The metadata keys every stored event carries from its first version on (docs/architecture.md §6, ADR 0027). */
public final class AuditMetadata {

    /** The id shared by everything one request caused (the request id at the edge). */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** Who acted: {@code user:<id>}, {@code service:<name>} or {@code system:<name>}. */
    public static final String PRINCIPAL = "principal";
    /** The device of a {@code user:} principal: the access token's {@code did} claim. */
    public static final String DEVICE_ID = "deviceId";
    /** For a service or system principal acting for a user: {@code user:<id>}. */
    public static final String ON_BEHALF_OF = "onBehalfOf";
    /** The device of the user named by {@link #ON_BEHALF_OF}, when known. */
    public static final String ON_BEHALF_OF_DEVICE_ID = "onBehalfOfDeviceId";
    /** Hex SHA-256 over the previous event's chain hash and this event's content (see {@link EventHashChain}). */
    public static final String CHAIN_HASH = "chainHash";

    /** The keys that say who acted; a message passes them on to every message it causes. */
    public static final List<String> ACTOR_KEYS = List.of(PRINCIPAL, DEVICE_ID, ON_BEHALF_OF, ON_BEHALF_OF_DEVICE_ID);

    private AuditMetadata() {
    }
}
