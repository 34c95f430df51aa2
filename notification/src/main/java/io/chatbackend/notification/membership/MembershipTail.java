package io.chatbackend.notification.membership;

import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.events.consumer.TopicTail;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;

/**
 * Keeps a {@link MembershipView} current from dialog-domain's dialog topic: a {@link TopicTail} from the beginning
 * (the topic is kept forever, so this rebuilds the view at every start) that then follows it. Every fan-out
 * instance needs every dialog's members, hence a tail (no consumer group) rather than a group consumer that would
 * split the partitions between instances.
 *
 * <p>{@link #awaitCaughtUp} is what keeps membership ahead of messages: the fan-out calls it before a batch of
 * messages and waits until the view has applied everything the topic held at that moment.
 */
public final class MembershipTail implements SmartLifecycle {

    /** The lifecycle phase of the tail: before the default phase, where the consumers that read the view start. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 100;

    private final TopicTail tail;

    /**
     * @param logicalTopics the dialog topic and the blocks topic, without test prefix
     */
    public MembershipTail(String bootstrapServers, TopicNames names, List<String> logicalTopics,
                          IntegrationEventCodec codec, MembershipView view, Admin admin) {
        this.tail = new TopicTail(TopicTail.Settings.of(bootstrapServers, "notification-membership",
                logicalTopics, TopicTail.StartAt.BEGINNING).withMaxPollRecords(2000), names, codec, admin,
                (key, event) -> view.apply(event));
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

    /** Starts before the consumers that depend on the view. */
    @Override
    public int getPhase() {
        return PHASE;
    }

    /** True once everything the topic held at start has been applied (the view is rebuilt). */
    public boolean replayed() {
        return tail.caughtUpWithStart();
    }

    /**
     * Waits until everything the topic holds now has been applied.
     *
     * @return false if that did not happen within {@code timeout}
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return tail.awaitCaughtUp(timeout);
    }
}
