package io.chatbackend.notification.delivery;

/**
 * notification's own topic: what each recipient user's sessions are to be sent, keyed by the recipient's user id,
 * so all deliveries of a user are in one partition, in order, and reach the one node that consumes it.
 */
public final class Deliveries {

    /** Logical topic name (see {@code TopicNames}). */
    public static final String TOPIC = "notification.deliveries.v1";
    /**
     * A {@link MessageDelivery}: one record per recipient, as written before ADR 0015; nodes still read it, so records
     * in flight during an upgrade are delivered.
     */
    public static final String MESSAGE = "MessageDelivery";
    /** A {@link MessageDeliveries}: one record per message and partition (ADR 0015). */
    public static final String MESSAGE_TO_MANY = "MessageDeliveries";
    /** A {@link DialogJoinedNotice}. */
    public static final String JOINED = "DialogJoined";
    /** A {@link ReceiptDelivery}: one recipient (a "delivered" watermark goes to the one user who sent). */
    public static final String RECEIPT = "ReceiptDelivery";
    /** A {@link ReceiptDeliveries}: one record per watermark and partition (a "read" watermark goes to all members). */
    public static final String RECEIPT_TO_MANY = "ReceiptDeliveries";
    public static final int VERSION = 1;

    /**
     * Short-lived notices for the recipients' live sessions only (typing), keyed by recipient like {@link #TOPIC}
     * and consumed by the same group, so the same node gets them; kept {@code ephemeral-retention} (60 s).
     */
    public static final String EPHEMERAL = "notification.ephemeral.v1";
    /** A {@link TypingNotice}: one recipient, as written before ADR 0015 (still read). */
    public static final String TYPING = "TypingNotice";
    /** A {@link TypingNotices}: one record per typing notice and partition (ADR 0015). */
    public static final String TYPING_TO_MANY = "TypingNotices";

    private Deliveries() {
    }
}
