package io.chatbackend.platform.auditapi;

/** The audit metadata of one item: who acted, for whom, and which request and message caused it. */
public record AuditItemMetadata(AuditActor principal, AuditActor onBehalfOf, String correlationId,
                                String causationId) {
}
