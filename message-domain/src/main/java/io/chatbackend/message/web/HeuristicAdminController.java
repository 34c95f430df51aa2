package io.chatbackend.message.web;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.platform.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Operators (ADMIN) list and resolve heuristic TCC outcomes of this service. */
@RestController
class HeuristicAdminController {

    private final JdbcTemplate jdbc;

    HeuristicAdminController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Resolution(@NotBlank @Size(max = 255) String resolution) {
    }

    @GetMapping("/api/v1/admin/tcc/heuristics")
    List<Map<String, Object>> unresolved(@AuthenticationPrincipal Jwt jwt) {
        requireAdmin(jwt);
        return jdbc.queryForList("SELECT message_id::text AS \"messageId\", recorded, participant, detected_at AS "
                + "\"detectedAt\" FROM heuristic_outcome WHERE resolved_at IS NULL ORDER BY detected_at");
    }

    @PostMapping("/api/v1/admin/tcc/heuristics/{messageId}/resolve")
    Map<String, Object> resolve(@PathVariable long messageId, @Valid @RequestBody Resolution resolution,
                                @AuthenticationPrincipal Jwt jwt) {
        requireAdmin(jwt);
        int updated = jdbc.update("UPDATE heuristic_outcome SET resolved_at = now(), resolution = ? WHERE message_id = ? "
                + "AND resolved_at IS NULL", resolution.resolution(), messageId);
        if (updated == 0) {
            throw new ApiException(CommonProblem.NOT_FOUND, "No unresolved heuristic outcome for it.");
        }
        return Map.of("messageId", Long.toString(messageId), "resolved", true);
    }

    private static void requireAdmin(Jwt jwt) {
        if (!Caller.of(jwt).hasRole("ADMIN")) {
            throw new ApiException(CommonProblem.FORBIDDEN, "Operators only.");
        }
    }
}
