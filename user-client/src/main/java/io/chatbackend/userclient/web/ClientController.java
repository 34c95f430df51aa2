package io.chatbackend.userclient.web;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.platform.web.Caller;
import io.chatbackend.platform.web.ReadOnlyRoles;
import io.chatbackend.userclient.device.Devices;
import io.chatbackend.userclient.device.PushUrls;
import io.chatbackend.userclient.session.Presence;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The public API of user-client (user tokens with a {@code did}): my devices, their push endpoints, and the
 * presence of people I share a dialog with. The calling device is registered implicitly on every call.
 */
@RestController
@RequestMapping("/api/v1")
class ClientController {

    static final int MAX_PRESENCE_IDS = 100;

    private final Devices devices;
    private final Presence presence;
    private final PushUrls pushUrls;

    ClientController(Devices devices, Presence presence, PushUrls pushUrls) {
        this.devices = devices;
        this.presence = presence;
        this.pushUrls = pushUrls;
    }

    /** {@code {"name"}}. */
    record NameRequest(@NotBlank @Size(max = 128) String name) {
    }

    /** {@code {"url"}}: an https webhook on a public address (see {@link PushUrls}). */
    record PushRequest(@NotNull String url) {
    }

    @GetMapping("/clients")
    List<Devices.Device> list(@AuthenticationPrincipal Jwt jwt) {
        return devices.list(me(jwt).userId());
    }

    @PutMapping("/clients/{deviceId}")
    Devices.Device name(@AuthenticationPrincipal Jwt jwt, @PathVariable String deviceId,
                        @Valid @RequestBody NameRequest request) {
        Me me = me(jwt);
        return devices.name(me.userId(), Inputs.id("deviceId", deviceId), request.name());
    }

    @DeleteMapping("/clients/{deviceId}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt jwt, @PathVariable String deviceId) {
        Me me = me(jwt);
        devices.revoke(me.userId(), Inputs.id("deviceId", deviceId), me.deviceId());
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/clients/{deviceId}/push")
    Devices.PushRegistration setPush(@AuthenticationPrincipal Jwt jwt, @PathVariable String deviceId,
                                     @Valid @RequestBody PushRequest request) {
        Me me = me(jwt);
        String id = Inputs.id("deviceId", deviceId);
        // checked (its host resolved) before the endpoint is written, so a refused URL changes nothing
        String url = pushUrls.allowed(Inputs.pushUrl(request.url()));
        return devices.setPush(me.userId(), id, url);
    }

    @DeleteMapping("/clients/{deviceId}/push")
    ResponseEntity<Void> clearPush(@AuthenticationPrincipal Jwt jwt, @PathVariable String deviceId) {
        Me me = me(jwt);
        devices.clearPush(me.userId(), Inputs.id("deviceId", deviceId));
        return ResponseEntity.noContent().build();
    }

    /** At most {@value #MAX_PRESENCE_IDS} ids; users who share no dialog with me are left out of the answer. */
    @GetMapping("/presence")
    List<Presence.View> presence(@AuthenticationPrincipal Jwt jwt, @RequestParam String userIds) {
        Me me = me(jwt);
        List<UUID> ids = new ArrayList<>();
        for (String part : userIds.split(",", -1)) {
            String trimmed = part.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            try {
                ids.add(UUID.fromString(trimmed));
            } catch (IllegalArgumentException e) {
                throw Inputs.invalid("userIds", "must be user ids separated by commas");
            }
            if (ids.size() > MAX_PRESENCE_IDS) {
                throw Inputs.invalid("userIds", "may name at most " + MAX_PRESENCE_IDS + " users");
            }
        }
        if (ids.isEmpty()) {
            throw Inputs.invalid("userIds", "must name at least one user");
        }
        return presence.visibleTo(me.userId(), ids);
    }

    private record Me(UUID userId, String deviceId) {
    }

    /** Only a user's device token may use this API; the device is registered (or marked seen) on the way. */
    private Me me(Jwt jwt) {
        Caller caller = Caller.of(jwt);
        String deviceId = caller.deviceId().orElse(null);
        UUID userId;
        try {
            userId = caller.userId();
        } catch (IllegalArgumentException e) {
            userId = null;
        }
        if (userId == null || deviceId == null || deviceId.length() > 128 || deviceId.isBlank()) {
            throw new ApiException(CommonProblem.FORBIDDEN, "A user's device token is required.");
        }
        if (!ReadOnlyRoles.mayChange(caller.roles())) {
            // registering the device would change something: a read-only token has no devices (ADR 0027)
            throw new ApiException(CommonProblem.FORBIDDEN, "This account may only read.");
        }
        devices.seen(userId, deviceId);
        return new Me(userId, deviceId);
    }
}
