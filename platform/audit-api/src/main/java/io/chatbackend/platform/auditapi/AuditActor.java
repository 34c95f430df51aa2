package io.chatbackend.platform.auditapi;

/**
 * Who acted, as the audit API shows it: {@code {"type": "user", "id", "deviceId"}} or
 * {@code {"type": "service", "id"}} (a stored {@code system:} principal is a service acting on its own).
 */
public record AuditActor(String type, String id, String deviceId) {

    /** Reads a stored principal ({@code user:<id>}, {@code service:<name>}, {@code system:<name>}); null if none. */
    public static AuditActor of(Object principal, Object deviceId) {
        if (principal == null) {
            return null;
        }
        String text = principal.toString();
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "service" : text.substring(0, colon);
        String id = colon < 0 ? text : text.substring(colon + 1);
        return "user".equals(kind) ? new AuditActor("user", id, deviceId == null ? null : deviceId.toString())
                : new AuditActor("service", id, null);
    }
}
