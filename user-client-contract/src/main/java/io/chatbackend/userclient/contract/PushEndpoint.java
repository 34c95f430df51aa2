package io.chatbackend.userclient.contract;

/**
 * A device's push endpoint, as {@code GET /internal/users/{userId}/push-endpoints} lists it for offline push
 * (non-revoked devices only). The sender signs each call with {@code secret}; the device got the same secret once,
 * when it registered the endpoint.
 *
 * @param deviceId the device
 * @param url      the http(s) webhook to POST to
 * @param secret   the signing secret (base64url, 256 bits)
 */
public record PushEndpoint(String deviceId, String url, String secret) {
}
