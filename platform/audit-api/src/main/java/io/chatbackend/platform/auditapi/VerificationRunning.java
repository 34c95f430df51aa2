package io.chatbackend.platform.auditapi;

/**
 * The answer to a verification still running: fetch {@code GET .../verifications/{id}} (the {@code Location}) until
 * it answers the {@link AuditVerification}.
 *
 * @param id     the verification
 * @param status always {@code RUNNING}
 */
public record VerificationRunning(String id, String status) {

    static VerificationRunning of(String id) {
        return new VerificationRunning(id, "RUNNING");
    }
}
