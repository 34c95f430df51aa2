package io.chatbackend.notification.delivery;

/**
 * notification's own topic: what each recipient user's sessions are to be sent, keyed by the recipient's user id,
 * so all deliveries of a user are in one partition, in order, and reach the one node that consumes it.
 */
public final class Deliveries {

    /** Logical topic name (see {@code TopicNames}). */
    public static final String TOPIC = "notification.deliveries.v1";
    /** A {@link MessageDelivery}. */
    public static final String MESSAGE = "MessageDelivery";
    /** A {@link DialogJoinedNotice}. */
    public static final String JOINED = "DialogJoined";
    public static final int VERSION = 1;

    private Deliveries() {
    }
}
