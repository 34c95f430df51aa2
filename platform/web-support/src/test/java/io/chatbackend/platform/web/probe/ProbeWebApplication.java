package io.chatbackend.platform.web.probe;

import io.chatbackend.platform.web.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service using the shared web edge, to test it (not a product component). */
@SpringBootApplication
public class ProbeWebApplication {

    public record Greeting(@NotBlank @Size(max = 10) String name, int times) {
    }

    @RestController
    static class ProbeController {

        @GetMapping("/probe/me")
        Caller me(@AuthenticationPrincipal Jwt jwt) {
            return Caller.of(jwt);
        }

        @GetMapping("/api/v1/probe/me")
        Caller userPath(@AuthenticationPrincipal Jwt jwt) {
            return Caller.of(jwt);
        }

        @GetMapping("/internal/probe/me")
        Caller servicePath(@AuthenticationPrincipal Jwt jwt) {
            return Caller.of(jwt);
        }

        @PostMapping("/probe/greetings")
        Greeting greet(@Valid @RequestBody Greeting greeting) {
            return greeting;
        }

        @GetMapping("/probe/page")
        int page(@RequestParam @Max(200) int limit) {
            return limit;
        }

        @GetMapping("/probe/boom")
        String boom() {
            throw new IllegalStateException("secret SQL detail: SELECT * FROM account");
        }
    }
}
