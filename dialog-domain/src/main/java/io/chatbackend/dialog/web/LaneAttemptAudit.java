package io.chatbackend.dialog.web;

import io.chatbackend.dialog.contract.LaneTryAndConfirmRequest;
import io.chatbackend.platform.axon.AuditMetadata;
import io.chatbackend.platform.web.RequestIdFilter;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the lane's events record about a Try-and-Confirm (ADR 0027): the coordinator (the caller's token) acts on
 * behalf of the sender, with the sender's device and the request id their request was answered with, when it says
 * them. Values of another form are dropped rather than stored.
 */
final class LaneAttemptAudit {

    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private LaneAttemptAudit() {
    }

    static Map<String, String> of(LaneTryAndConfirmRequest attempt) {
        Map<String, String> audit = new HashMap<>();
        audit.put(AuditMetadata.ON_BEHALF_OF, "user:" + attempt.senderId());
        if (attempt.deviceId() != null && DEVICE_ID.matcher(attempt.deviceId()).matches()) {
            audit.put(AuditMetadata.ON_BEHALF_OF_DEVICE_ID, attempt.deviceId());
        }
        if (RequestIdFilter.isWellFormed(attempt.correlationId())) { // the form every service keeps request ids in
            audit.put(AuditMetadata.CORRELATION_ID, attempt.correlationId());
        }
        return Map.copyOf(audit);
    }
}
