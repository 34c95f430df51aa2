package io.chatbackend.platform.problem;

/**
 * A stable error code of a published API, the {@code code} member of a problem-details answer: clients switch on
 * {@link #name()}, and it is always answered with {@link #httpStatus()}. Codes live in catalogs, one enum per service
 * or platform module, and nowhere else (docs/adr/0022-one-catalog-of-problem-codes.md); the OpenAPI document
 * lists them as the {@code code} enum.
 */
public interface ProblemCode {

    /** The code as clients see it, e.g. {@code DIALOG_NOT_FOUND}. */
    String name();

    /** The HTTP status every answer with this code has. */
    int httpStatus();

    /** What the code means to a client, in one sentence (the OpenAPI document and the README show it). */
    String meaning();
}
