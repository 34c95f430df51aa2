package io.chatbackend.notification.userclient;

import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.events.consumer.TopicTail;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.util.List;
import java.util.function.Consumer;

/**
 * Follows user-client's user topic on every node with a {@link TopicTail} from its end at start (no consumer group:
 * every node needs every event, since a user's sessions and presence subscribers may be on any node; what happened
 * before the node started concerns no session of it). Events go to a handler on the tail's thread; it must not
 * block.
 *
 * <p>A handler failure is logged and the event passed over rather than retried: acting on it concerns live
 * sessions only, and an event that cannot be acted on now would only hold up the ones behind it.
 */
public final class UserEventsTail implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(UserEventsTail.class);

    private final TopicTail tail;

    public UserEventsTail(String bootstrapServers, TopicNames names, String logicalTopic, IntegrationEventCodec codec,
                          Admin admin, Consumer<IntegrationEvent> handler) {
        this.tail = new TopicTail(TopicTail.Settings.of(bootstrapServers, "notification-user-events",
                List.of(logicalTopic), TopicTail.StartAt.END), names, codec, admin, (key, event) -> {
                    try {
                        handler.accept(event);
                    } catch (RuntimeException e) {
                        log.warn("Handling {} {} failed; passed over", event.type(), event.eventId(), e);
                    }
                });
    }

    /** True once the reader is at the topic's end: every later event reaches the handler. */
    public boolean positioned() {
        return tail.positioned();
    }

    @Override
    public void start() {
        tail.start();
    }

    @Override
    public void stop() {
        tail.stop();
    }

    @Override
    public boolean isRunning() {
        return tail.isRunning();
    }
}
