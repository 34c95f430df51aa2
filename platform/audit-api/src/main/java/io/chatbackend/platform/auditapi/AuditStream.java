package io.chatbackend.platform.auditapi;

import java.util.List;

/** One stream (aggregate) whole, from its first item, as stored. */
public record AuditStream(List<AuditItem> items) {
}
