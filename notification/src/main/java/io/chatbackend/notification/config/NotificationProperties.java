package io.chatbackend.notification.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.chatbackend.notification.session.InboundLimits;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code chat.notification.*}: live delivery over WebSocket.
 *
 * @param ticketSecret        HMAC key of WebSocket tickets, shared by every node (at least 32 characters)
 * @param ticketTtl           how long a ticket may be used after it was issued
 * @param publicWsUrl         the URL clients open the WebSocket at; blank = {@code chat.public-url} with a ws scheme
 *                            and {@code /ws} (the gateway)
 * @param sessionQueueSize    frames one session may have waiting to be written; more are dropped (a sessionSeq hole)
 * @param holeWait            how long a session holds later messages of a dialog while an earlier dialogSeq is
 *                            missing, before it repairs the hole from history
 * @param resumePageSize      history items fetched per call while catching up (1..200)
 * @param deliveriesRetention how long the deliveries topic keeps records (a work queue, not an event log)
 * @param ephemeralRetention  how long the ephemeral topic (typing) keeps records
 * @param nodeId              this node's id in user-client's sessions registry; blank = generated at start
 * @param heartbeatInterval   how often the node heartbeats its sessions to user-client
 * @param typingInterval      a session sends at most one {@code typing} per dialog this often
 * @param pushAttempts        tries per push endpoint and message
 * @param pushBackoff         wait before the second try, doubling after
 * @param pushMaxInFlight     pushes under way at once; beyond it a push is dropped (counted failed)
 * @param pushMaxAge          deliveries older than this are not pushed (a backlog after a restart)
 * @param socketSendBuffer    the kernel send buffer of each connection (0 = the operating system's autotuning, up to
 *                            megabytes): a client that stops reading holds at most this much besides its queue
 * @param maxInboundFrame     the largest frame a client may send (a fragmented message: in total); larger closes
 *                            the session with 1009
 * @param inboundFramesPerSecond frames a client may send per second on average; beyond it and the burst, an error
 *                            frame {@code RATE_LIMITED} and close 1008
 * @param inboundFrameBurst   frames a client may send at once on top of the rate (a reconnect: resume, presence,
 *                            acks)
 * @param recentMessagesSize  what the node keeps of its dialogs' recent messages, to answer resumes without
 *                            dialog-domain (0 = keep none)
 * @param recentMessagesPerDialog recent messages kept per dialog at most
 * @param failoverTimeout     how long the node's Kafka consumers may stay silent before the group gives their
 *                            partitions (users, fan-out) to the other nodes: a node killed outright is replaced
 *                            this much later (Kafka's default would be 45 s)
 */
@ConfigurationProperties("chat.notification")
public record NotificationProperties(String ticketSecret,
                                     @DefaultValue("30s") Duration ticketTtl,
                                     String publicWsUrl,
                                     @DefaultValue("256") int sessionQueueSize,
                                     @DefaultValue("2s") Duration holeWait,
                                     @DefaultValue("200") int resumePageSize,
                                     @DefaultValue("1d") Duration deliveriesRetention,
                                     @DefaultValue("60s") Duration ephemeralRetention,
                                     String nodeId,
                                     @DefaultValue("10s") Duration heartbeatInterval,
                                     @DefaultValue("2s") Duration typingInterval,
                                     @DefaultValue("3") int pushAttempts,
                                     @DefaultValue("500ms") Duration pushBackoff,
                                     @DefaultValue("256") int pushMaxInFlight,
                                     @DefaultValue("10m") Duration pushMaxAge,
                                     @DefaultValue("256KB") DataSize socketSendBuffer,
                                     @DefaultValue("16KB") DataSize maxInboundFrame,
                                     @DefaultValue("20") int inboundFramesPerSecond,
                                     @DefaultValue("40") int inboundFrameBurst,
                                     @DefaultValue("64MB") DataSize recentMessagesSize,
                                     @DefaultValue("256") int recentMessagesPerDialog,
                                     @DefaultValue("10s") Duration failoverTimeout) {

    public NotificationProperties {
        if (ticketSecret == null || ticketSecret.length() < 32) {
            throw new IllegalArgumentException("chat.notification.ticket-secret must have at least 32 characters");
        }
        if (sessionQueueSize < 1) {
            throw new IllegalArgumentException("chat.notification.session-queue-size must be at least 1");
        }
        if (pushAttempts < 1 || pushMaxInFlight < 1) {
            throw new IllegalArgumentException("chat.notification.push-attempts and push-max-in-flight must be >= 1");
        }
        if (socketSendBuffer.isNegative() || socketSendBuffer.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chat.notification.socket-send-buffer must be between 0 and 2 GB");
        }
        if (resumePageSize < 1 || resumePageSize > 200) {
            throw new IllegalArgumentException("chat.notification.resume-page-size must be between 1 and 200");
        }
        // a JSON frame needs some room; more than a few MB per frame would undo the point of the limit
        if (maxInboundFrame.toBytes() < 1024 || maxInboundFrame.toBytes() > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("chat.notification.max-inbound-frame must be between 1KB and 16MB");
        }
        if (recentMessagesSize.isNegative() || recentMessagesPerDialog < 1) {
            throw new IllegalArgumentException("chat.notification.recent-messages-size must not be negative and "
                    + "recent-messages-per-dialog must be at least 1");
        }
        if (inboundFramesPerSecond < 1 || inboundFrameBurst < 1) {
            throw new IllegalArgumentException(
                    "chat.notification.inbound-frames-per-second and inbound-frame-burst must be at least 1");
        }
    }

    /** What one session's client may send. */
    public InboundLimits inboundLimits() {
        return new InboundLimits((int) maxInboundFrame.toBytes(), inboundFramesPerSecond, inboundFrameBurst);
    }

    /** The node id: the configured one, else a random one (a restarted node is a new node to user-client). */
    public String effectiveNodeId() {
        return nodeId != null && !nodeId.isBlank() ? nodeId
                : "node-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }

    /** The WebSocket URL handed out with tickets: the configured one, else the public origin's. */
    public String wsUrl(String publicUrl) {
        if (publicWsUrl != null && !publicWsUrl.isBlank()) {
            return publicWsUrl;
        }
        String origin = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        if (origin.startsWith("https://")) {
            return "wss://" + origin.substring("https://".length()) + "/ws";
        }
        if (origin.startsWith("http://")) {
            return "ws://" + origin.substring("http://".length()) + "/ws";
        }
        return origin + "/ws";
    }
}
