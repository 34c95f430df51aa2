package io.chatbackend.platform.auditapi;

import io.chatbackend.platform.audit.AuditTrail;
import io.chatbackend.platform.web.Caller;
import io.chatbackend.platform.web.RequestIdFilter;
import org.slf4j.MDC;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;

/**
 * Every call of the audit API is itself a chained record in the context's audit trail (ADR 0027): who read or
 * verified what, with the request id, readable by ADMIN at {@code /api/v1/audit/{context}/access}.
 */
class AuditAccessLog {

    private final AuditTrail trail;
    private final TransactionTemplate transactions;
    private final JsonMapper json;

    AuditAccessLog(AuditTrail trail, TransactionTemplate transactions, JsonMapper json) {
        this.trail = trail;
        this.transactions = transactions;
        this.json = json;
    }

    void record(Caller caller, String type, String context, Map<String, Object> request) {
        transactions.executeWithoutResult(status -> trail.append("user:" + caller.subject(),
                caller.deviceId().orElse(null), MDC.get(RequestIdFilter.MDC_KEY), type, context,
                json.writeValueAsString(request)));
    }
}
