package io.chatbackend.uaa.admin;

import io.chatbackend.uaa.audit.AuditedChanges;
import io.chatbackend.uaa.token.SigningKeys;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Rotates the token signing key now (ADMIN); tokens signed by the previous key stay valid until they expire. The
 * rotation and its audit record commit together.
 */
@RestController
public class KeyRotationController {

    private final SigningKeys keys;
    private final AuditedChanges audited;

    public KeyRotationController(SigningKeys keys, AuditedChanges audited) {
        this.keys = keys;
        this.audited = audited;
    }

    @PostMapping("/api/v1/admin/keys/rotate")
    Map<String, String> rotate() {
        String activeKeyId = audited.apply(recorder -> {
            String kid = keys.rotate();
            recorder.record("SIGNING_KEY_ROTATED", "signing-keys", Map.of("activeKeyId", kid));
            return kid;
        });
        return Map.of("activeKeyId", activeKeyId);
    }
}
