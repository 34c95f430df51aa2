package io.chatbackend.platform.snowflake;

/**
 * No id can be issued right now without risking a duplicate: the generator lease lapsed or was lost, or the
 * clock went backwards behind the last issued id. Callers answer "try again later" (e.g. 503).
 */
public class IdGenerationUnavailableException extends RuntimeException {

    public IdGenerationUnavailableException(String message) {
        super(message);
    }
}
