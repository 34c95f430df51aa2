package io.chatbackend.userclient.contract;

import java.util.List;

/**
 * Answer of a heartbeat.
 *
 * @param extended how many sessions were extended
 * @param unknown  sessions of the heartbeat that are not (or no longer) registered to this node: expired, ended
 *                 or their device was revoked; the node should close them (or register them again)
 */
public record HeartbeatResult(int extended, List<String> unknown) {
}
