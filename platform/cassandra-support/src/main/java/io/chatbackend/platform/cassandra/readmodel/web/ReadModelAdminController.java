package io.chatbackend.platform.cassandra.readmodel.web;

import java.util.List;
import java.util.function.Supplier;

import io.chatbackend.platform.cassandra.readmodel.ReadModelAdmin;
import io.chatbackend.platform.cassandra.readmodel.ReadModelInfo;
import io.chatbackend.platform.cassandra.readmodel.RebuildRefusedException;
import io.chatbackend.platform.cassandra.readmodel.RebuildStatus;
import io.chatbackend.platform.cassandra.readmodel.UnknownReadModelException;
import io.chatbackend.platform.web.ApiException;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.platform.web.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admins rebuild a read model beside the live one and follow its progress (the {@code chat-admin} CLI does). Only
 * callers with the {@code ADMIN} role, whatever the service's own security rules say.
 */
@RestController
@RequestMapping("/api/v1/admin/read-models")
public class ReadModelAdminController {

    private final ReadModelAdmin admin;

    public ReadModelAdminController(ReadModelAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    List<ReadModelInfo> models(@AuthenticationPrincipal Jwt jwt) {
        requireAdmin(jwt);
        return admin.models();
    }

    @PostMapping("/{model}/rebuild")
    ResponseEntity<RebuildStatus> rebuild(@PathVariable String model, @AuthenticationPrincipal Jwt jwt) {
        requireAdmin(jwt);
        return accepted(() -> admin.startRebuild(model));
    }

    /**
     * Rebuilds the model into a scratch copy from its sources, compares it with the live one and drops it: the live
     * model never switches. Followed like a rebuild; it ends {@code COMPARED} with the report.
     */
    @PostMapping("/{model}/compare")
    ResponseEntity<RebuildStatus> compare(@PathVariable String model, @AuthenticationPrincipal Jwt jwt) {
        requireAdmin(jwt);
        return accepted(() -> admin.startComparison(model));
    }

    /** A started job: 202 with its first status; an unknown model 404, a model already being rebuilt 409. */
    private static ResponseEntity<RebuildStatus> accepted(Supplier<RebuildStatus> start) {
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(start.get());
        } catch (UnknownReadModelException e) {
            throw notFound();
        } catch (RebuildRefusedException e) {
            throw new ApiException(ReadModelProblem.REBUILD_RUNNING,
                    "A rebuild or comparison of this read model is already running.");
        }
    }

    @GetMapping("/{model}/rebuilds/{jobId}")
    RebuildStatus status(@PathVariable String model, @PathVariable String jobId, @AuthenticationPrincipal Jwt jwt) {
        requireAdmin(jwt);
        return admin.status(jobId).filter(status -> status.model().equals(model))
                .orElseThrow(() -> new ApiException(ReadModelProblem.REBUILD_NOT_FOUND, "No such rebuild."));
    }

    private static void requireAdmin(Jwt jwt) {
        if (jwt == null || !Caller.of(jwt).hasRole("ADMIN")) {
            throw new ApiException(CommonProblem.FORBIDDEN, "Only an admin may do this.");
        }
    }

    private static ApiException notFound() {
        return new ApiException(ReadModelProblem.READ_MODEL_NOT_FOUND, "No such read model.");
    }
}
