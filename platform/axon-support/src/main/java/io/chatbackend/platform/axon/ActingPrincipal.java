package io.chatbackend.platform.axon;

import java.util.Map;

/**
 * Tells who is acting for a command being dispatched right now, as audit metadata: {@link AuditMetadata#PRINCIPAL}
 * always, and where known {@link AuditMetadata#DEVICE_ID}, {@link AuditMetadata#ON_BEHALF_OF} and
 * {@link AuditMetadata#ON_BEHALF_OF_DEVICE_ID}. The default names the service itself (and the user of an
 * {@link ActingFor} scope); the security layer replaces it with one that reads the authenticated user or client.
 */
@FunctionalInterface
public interface ActingPrincipal {

    Map<String, String> current();
}
