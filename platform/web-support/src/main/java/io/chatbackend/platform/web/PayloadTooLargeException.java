package io.chatbackend.platform.web;

/** The request body is larger than this service accepts. */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes.", null, false, false);
    }
}
