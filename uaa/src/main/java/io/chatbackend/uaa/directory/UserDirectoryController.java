package io.chatbackend.uaa.directory;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.platform.web.Caller;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.uaa.UaaProblem;
import io.chatbackend.uaa.account.AccountPolicy;
import io.chatbackend.uaa.login.LoginThrottle;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The user directory (ADR 0023): a user's own profile and its display name, anyone's public profile by id or by a
 * batch of ids, and searches by username or display name, paged and rate limited per user.
 */
@RestController
@RequestMapping("/api/v1/users")
public class UserDirectoryController {

    /** The most ids one batch look-up takes. */
    public static final int MAX_IDS = 100;

    private final UserDirectory directory;
    private final SearchThrottle throttle;

    public UserDirectoryController(UserDirectory directory, SearchThrottle throttle) {
        this.directory = directory;
        this.throttle = throttle;
    }

    @GetMapping("/me")
    UserProfile me(@AuthenticationPrincipal Jwt jwt) {
        return directory.byId(caller(jwt)).orElseThrow(UserDirectoryController::notFound);
    }

    @PatchMapping("/me")
    UserProfile rename(@AuthenticationPrincipal Jwt jwt, @RequestBody ProfileChange change) {
        String displayName = change.displayName() == null ? null : change.displayName().strip();
        if (displayName == null || displayName.isEmpty() || displayName.length() > AccountPolicy.DISPLAY_NAME_MAX) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED, "'displayName' must have 1 to "
                    + AccountPolicy.DISPLAY_NAME_MAX + " characters.");
        }
        return directory.rename(caller(jwt), displayName).orElseThrow(UserDirectoryController::notFound);
    }

    @GetMapping("/{userId}")
    UserProfile profile(@PathVariable UUID userId) {
        return directory.byId(userId).orElseThrow(UserDirectoryController::notFound);
    }

    /** Either {@code ids} (a batch look-up) or {@code query} (a search), never both. */
    @GetMapping
    Map<String, Object> list(@AuthenticationPrincipal Jwt jwt, @RequestParam(required = false) List<UUID> ids,
                             @RequestParam(required = false) String query,
                             @RequestParam(required = false) String cursor,
                             @RequestParam(required = false) Integer limit) {
        if ((ids == null) == (query == null)) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED, "Give either 'ids' or 'query'.");
        }
        if (ids != null) {
            if (ids.isEmpty() || ids.size() > MAX_IDS || cursor != null || limit != null) {
                throw new ApiException(CommonProblem.VALIDATION_FAILED, "'ids' takes 1 to " + MAX_IDS
                        + " user ids, without 'cursor' or 'limit'.");
            }
            return Map.of("items", directory.byIds(new LinkedHashSet<>(ids)));
        }
        DirectoryQuery.Parsed parsed = DirectoryQuery.parse(query, cursor, limit);
        if (parsed instanceof DirectoryQuery.Invalid invalid) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED,
                    "'" + invalid.field() + "' must be " + invalid.message() + ".");
        }
        DirectoryQuery search = ((DirectoryQuery.Valid) parsed).query();
        throttle.mustWait(caller(jwt)).ifPresent(wait -> {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(LoginThrottle.seconds(wait)));
            throw new ApiException(UaaProblem.RATE_LIMITED, "Too many searches; try later.", headers, Map.of());
        });
        UserDirectory.Page page = directory.search(search);
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        answer.put("items", page.items());
        answer.put("nextCursor", page.nextCursor().orElse(null));
        return answer;
    }

    private static UUID caller(Jwt jwt) {
        try {
            return Caller.of(jwt).userId();
        } catch (IllegalArgumentException notAUser) {
            throw new ApiException(CommonProblem.FORBIDDEN, "A user's access token is required.");
        }
    }

    private static ApiException notFound() {
        return new ApiException(UaaProblem.USER_NOT_FOUND, "No such user.");
    }

    /** The body of {@code PATCH /api/v1/users/me}. */
    public record ProfileChange(String displayName) {
    }
}
