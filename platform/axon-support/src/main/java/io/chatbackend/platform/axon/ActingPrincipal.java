package io.chatbackend.platform.axon;

/**
 * Tells who is acting for a command being dispatched right now. The default names the service itself;
 * the security layer replaces it with one that reads the authenticated user or client.
 */
@FunctionalInterface
public interface ActingPrincipal {

    String current();
}
