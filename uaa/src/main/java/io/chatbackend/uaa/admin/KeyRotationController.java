package io.chatbackend.uaa.admin;

import io.chatbackend.uaa.token.SigningKeys;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/** Rotates the token signing key now (ADMIN); tokens signed by the previous key stay valid until they expire. */
@RestController
public class KeyRotationController {

    private final SigningKeys keys;

    public KeyRotationController(SigningKeys keys) {
        this.keys = keys;
    }

    @PostMapping("/api/v1/admin/keys/rotate")
    Map<String, String> rotate() {
        return Map.of("activeKeyId", keys.rotate());
    }
}
