package io.chatbackend.platform.auditapi;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.platform.web.Caller;
import io.chatbackend.platform.web.CommonProblem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The audit API of one context (ADR 0027): its items by position (JSON pages, or NDJSON to the horizon), one
 * stream whole, and verification of its chains. AUDITOR and ADMIN only, whatever the service's own rules say; the
 * record of the calls themselves, ADMIN only. Every call is recorded before it is answered.
 */
@RestController
@RequestMapping("/api/v1/audit/{context}")
public class AuditController {

    /** The media type of the streamed form: one item per line. */
    public static final String NDJSON = "application/x-ndjson";
    static final int MAX_LIMIT = 1000;
    private static final int STREAM_PAGE = 500;
    private static final long ANSWER_AT_ONCE_MILLIS = 2000;

    private final String context;
    private final AuditSource source;
    private final AuditSource accessRecords;
    private final AuditAccessLog accessLog;
    private final VerificationJobs verifications;
    private final AuditCheckpoints checkpoints;
    private final JsonMapper json;

    AuditController(String context, AuditSource source, AuditCheckpoints checkpoints, AuditSource accessRecords,
                    AuditAccessLog accessLog, VerificationJobs verifications, JsonMapper json) {
        this.context = context;
        this.source = source;
        this.checkpoints = checkpoints;
        this.accessRecords = accessRecords;
        this.accessLog = accessLog;
        this.verifications = verifications;
        this.json = json;
    }

    @GetMapping(value = "/events", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditPage events(@PathVariable String context, @RequestParam(defaultValue = "0") long after,
                               @RequestParam(defaultValue = "100") int limit, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = auditor(jwt, context);
        checkAfter(after);
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        accessLog.record(caller, "AUDIT_EVENTS_READ", this.context, Map.of("after", after, "limit", bounded));
        return page(source, after, bounded);
    }

    /**
     * The items from {@code after} to the horizon as it was when the call began, one JSON object per line; with
     * {@code form=stored}, in the stored form the hashes cover ({@code docs/audit-export.md}), for offline
     * verification, preceded (from position 0) by the signed checkpoints that cover nothing beyond the horizon.
     */
    @GetMapping(value = "/events", produces = NDJSON)
    ResponseEntity<StreamingResponseBody> eventStream(@PathVariable String context,
                                                      @RequestParam(defaultValue = "0") long after,
                                                      @RequestParam(defaultValue = "api") String form,
                                                      @AuthenticationPrincipal Jwt jwt) {
        Caller caller = auditor(jwt, context);
        checkAfter(after);
        if (!form.equals("api") && !form.equals("stored")) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED, "form is api (the default) or stored.");
        }
        boolean stored = form.equals("stored");
        long horizon = source.horizon();
        accessLog.record(caller, stored ? "AUDIT_EVENTS_EXPORTED" : "AUDIT_EVENTS_STREAMED", this.context,
                Map.of("after", after, "upTo", horizon));
        List<StoredCheckpointLine> signed = stored && after == 0
                ? checkpoints.upTo(horizon).stream().map(StoredCheckpointLine::of).toList() : List.of();
        StreamingResponseBody body = out -> {
            for (StoredCheckpointLine checkpoint : signed) { // first, so a check can walk the items once
                out.write(json.writeValueAsBytes(checkpoint));
                out.write('\n');
            }
            long position = after;
            int read;
            do {
                List<? extends Object> lines = stored ? source.storedBetween(position, horizon, STREAM_PAGE)
                        : source.between(position, horizon, STREAM_PAGE);
                for (Object line : lines) {
                    out.write(json.writeValueAsBytes(line));
                    out.write('\n');
                    position = line instanceof StoredLine storedLine ? storedLine.position()
                            : ((AuditItem) line).position();
                }
                out.flush();
                read = lines.size();
            } while (read == STREAM_PAGE);
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
    }

    @GetMapping(value = "/aggregates/{aggregateId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditStream stream(@PathVariable String context, @PathVariable String aggregateId,
                               @AuthenticationPrincipal Jwt jwt) {
        Caller caller = auditor(jwt, context);
        accessLog.record(caller, "AUDIT_STREAM_READ", this.context, Map.of("aggregateId", aggregateId));
        List<AuditItem> items = aggregateId.length() > 255 ? List.of() : source.stream(aggregateId);
        if (items.isEmpty()) {
            throw new ApiException(AuditProblem.AUDIT_STREAM_NOT_FOUND, "No such stream in " + this.context + ".");
        }
        return new AuditStream(items);
    }

    /** Verifies every chain and every signed checkpoint; answers at once when that is quick, else 202 with where to fetch the answer. */
    @PostMapping(value = "/verify", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "Verified: what was checked and every break",
            content = @Content(schema = @Schema(implementation = AuditVerification.class)))
    @ApiResponse(responseCode = "202", description = "Still running: fetch the Location until it answers 200",
            content = @Content(schema = @Schema(implementation = VerificationRunning.class)))
    ResponseEntity<Object> verify(@PathVariable String context, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = auditor(jwt, context);
        VerificationJobs.Job job = verifications.start(() -> source.verify().with(checkpoints.verify()));
        accessLog.record(caller, "AUDIT_VERIFICATION_STARTED", this.context, Map.of("verification", job.id()));
        return answer(job, ANSWER_AT_ONCE_MILLIS);
    }

    @GetMapping(value = "/verifications/{verificationId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(responseCode = "200", description = "Verified: what was checked and every break",
            content = @Content(schema = @Schema(implementation = AuditVerification.class)))
    @ApiResponse(responseCode = "202", description = "Still running: fetch the Location until it answers 200",
            content = @Content(schema = @Schema(implementation = VerificationRunning.class)))
    ResponseEntity<Object> verification(@PathVariable String context, @PathVariable String verificationId,
                                        @AuthenticationPrincipal Jwt jwt) {
        auditor(jwt, context);
        VerificationJobs.Job job = verifications.find(verificationId).orElseThrow(() -> new ApiException(
                AuditProblem.VERIFICATION_NOT_FOUND, "No such verification."));
        return answer(job, 0);
    }

    /** The record of this API's calls in this context: ADMIN only. */
    @GetMapping(value = "/access", produces = MediaType.APPLICATION_JSON_VALUE)
    AuditPage access(@PathVariable String context, @RequestParam(defaultValue = "0") long after,
                               @RequestParam(defaultValue = "100") int limit, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = auditor(jwt, context);
        if (!caller.hasRole("ADMIN")) {
            throw new ApiException(CommonProblem.FORBIDDEN, "Only an admin may read who audited.");
        }
        checkAfter(after);
        int bounded = Math.max(1, Math.min(limit, MAX_LIMIT));
        accessLog.record(caller, "AUDIT_ACCESS_READ", this.context, Map.of("after", after, "limit", bounded));
        return page(accessRecords, after, bounded);
    }

    private ResponseEntity<Object> answer(VerificationJobs.Job job, long waitMillis) {
        try {
            AuditVerification done = waitMillis > 0 ? job.result().get(waitMillis, TimeUnit.MILLISECONDS)
                    : job.result().getNow(null);
            if (done != null) {
                return ResponseEntity.ok(done);
            }
        } catch (TimeoutException e) {
            // still running: answered below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(CommonProblem.SERVICE_UNAVAILABLE, "The verification was interrupted.");
        } catch (ExecutionException e) {
            throw new ApiException(CommonProblem.SERVICE_UNAVAILABLE, "The verification could not read the store.");
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setLocation(java.net.URI.create("/api/v1/audit/" + context + "/verifications/" + job.id()));
        headers.set(HttpHeaders.RETRY_AFTER, "2");
        return new ResponseEntity<>(VerificationRunning.of(job.id()), headers, HttpStatus.ACCEPTED);
    }

    /** Items after {@code after}, never beyond the horizon; {@code next} is null once the horizon is reached. */
    private static AuditPage page(AuditSource from, long after, int limit) {
        long horizon = from.horizon();
        List<AuditItem> items = from.between(after, horizon, limit);
        Long next = items.size() == limit && items.get(items.size() - 1).position() < horizon
                ? items.get(items.size() - 1).position() : null;
        return new AuditPage(items, next);
    }

    private Caller auditor(Jwt jwt, String requested) {
        if (!context.equals(requested)) {
            throw new ApiException(AuditProblem.AUDIT_CONTEXT_NOT_FOUND, "No audit stream named " + requested + ".");
        }
        Caller caller = jwt == null ? null : Caller.of(jwt);
        if (caller == null || !(caller.hasRole("AUDITOR") || caller.hasRole("ADMIN"))) {
            throw new ApiException(CommonProblem.FORBIDDEN, "Only an auditor or an admin may read audit streams.");
        }
        return caller;
    }

    private static void checkAfter(long after) {
        if (after < 0) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED, "after is a position: 0 or more.");
        }
    }
}
