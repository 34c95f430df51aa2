package io.chatbackend.platform.auditapi;

import java.util.List;

/**
 * A page of a context's items in position order.
 *
 * @param items ascending by position, none beyond the horizon (no item can still appear below the last one)
 * @param next  the position to ask after for the next page; null when this page reached the horizon
 */
public record AuditPage(List<AuditItem> items, Long next) {
}
