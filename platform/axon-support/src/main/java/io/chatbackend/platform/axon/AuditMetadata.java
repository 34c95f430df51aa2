package io.chatbackend.platform.axon;

/** The metadata keys every stored event carries from its first version on (DESIGN.md §6). */
public final class AuditMetadata {

    /** The id shared by everything one request caused (the request id at the edge). */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** Who acted: {@code user:<id>}, {@code service:<name>} or {@code system:<name>}. */
    public static final String PRINCIPAL = "principal";
    /** Hex SHA-256 over the previous event's chain hash and this event's content (see {@link EventHashChain}). */
    public static final String CHAIN_HASH = "chainHash";

    private AuditMetadata() {
    }
}
