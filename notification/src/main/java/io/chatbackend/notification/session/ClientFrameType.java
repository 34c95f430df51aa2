package io.chatbackend.notification.session;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every frame type a client may send on the WebSocket, by its {@code type} member. This is the protocol's one list:
 * {@link ClientFrames} reads exactly these, and the system tests' fuzzer checks that it attacks each of them.
 */
public enum ClientFrameType {

    /** {@code {"type":"ping"}}, answered by a {@code pong}. */
    PING("ping"),
    /** {@code {"type":"resume","dialogs":{"<dialogId>": lastDialogSeq}}}: catch up, then live. */
    RESUME("resume"),
    /** {@code {"type":"ack","dialogId","upToSeq"}}: this device holds the dialog up to the sequence. */
    ACK("ack"),
    /** {@code {"type":"read","dialogId","upToSeq"}}: the user read the dialog up to the sequence. */
    READ("read"),
    /** {@code {"type":"typing","dialogId"}}: the user is typing in the dialog. */
    TYPING("typing"),
    /** {@code {"type":"presence.subscribe","userIds":[...]}}: presence of at most 100 users. */
    PRESENCE_SUBSCRIBE("presence.subscribe");

    private final String wireName;

    ClientFrameType(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the frame's {@code type} member. */
    public String wireName() {
        return wireName;
    }

    /** The type a frame names; empty for a type this node does not know (a newer client's: ignored). */
    public static Optional<ClientFrameType> of(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }
}
