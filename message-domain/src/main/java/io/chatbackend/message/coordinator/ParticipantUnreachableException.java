package io.chatbackend.message.coordinator;

/** The participant did not answer (down, timed out, or an error): the effect of the call is unknown. */
public class ParticipantUnreachableException extends RuntimeException {

    public ParticipantUnreachableException(String message) {
        super(message, null, false, false);
    }
}
