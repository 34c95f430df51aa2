package io.chatbackend.userclient.contract;

import java.util.List;

/**
 * Answer of {@code POST /internal/sessions/changes}: what became of each opened session (ended sessions are simply
 * gone). Each list keeps the order of {@link SessionChanges#opened()}.
 *
 * @param registered  the opened sessions now registered to the node
 * @param revoked     opened sessions refused because their device is revoked; the node should close them (4401)
 * @param conflicting opened sessions whose id is registered for another user or device; not registered
 */
public record SessionChangesResult(List<String> registered, List<String> revoked, List<String> conflicting) {
}
