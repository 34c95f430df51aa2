package io.chatbackend.gateway.problem;

import io.chatbackend.gateway.problem.ProblemExceptionHandler.Classified;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.server.ResponseStatusException;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionHandlerTest {

    @Test
    void upstreamFailuresAreUpstreamUnavailable() {
        assertThat(ProblemExceptionHandler.classify(new ConnectException("Connection refused")))
                .isEqualTo(new Classified(GatewayProblem.UPSTREAM_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(ProblemExceptionHandler.classify(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT)))
                .isEqualTo(new Classified(GatewayProblem.UPSTREAM_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT));
        assertThat(ProblemExceptionHandler.classify(new AuthenticationServiceException("JWKS unreachable")))
                .isEqualTo(new Classified(GatewayProblem.UPSTREAM_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE));
    }

    @Test
    void statusExceptionsKeepTheirMeaning() {
        assertThat(ProblemExceptionHandler.classify(new ResponseStatusException(HttpStatus.NOT_FOUND)).problem())
                .isEqualTo(GatewayProblem.NOT_FOUND);
        assertThat(ProblemExceptionHandler.classify(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE)).problem())
                .isEqualTo(GatewayProblem.PAYLOAD_TOO_LARGE);
        assertThat(ProblemExceptionHandler.classify(new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE)))
                .isEqualTo(new Classified(GatewayProblem.MALFORMED_REQUEST, HttpStatus.UNSUPPORTED_MEDIA_TYPE));
        assertThat(ProblemExceptionHandler.classify(new BadCredentialsException("bad")).problem())
                .isEqualTo(GatewayProblem.UNAUTHENTICATED);
    }

    @Test
    void anythingElseIsAnInternalErrorWithoutDetails() {
        Classified classified = ProblemExceptionHandler.classify(new IllegalStateException("secret internals"));
        assertThat(classified).isEqualTo(new Classified(GatewayProblem.INTERNAL_ERROR, HttpStatus.INTERNAL_SERVER_ERROR));
        assertThat(classified.problem().detail()).doesNotContain("secret");
    }

    @Test
    void typesAreStableUrlsFromTheCode() {
        assertThat(GatewayProblem.PAYLOAD_TOO_LARGE.type())
                .isEqualTo("https://chat-backend.dev/problems/payload-too-large");
        assertThat(GatewayProblem.PAYLOAD_TOO_LARGE.status().value()).isEqualTo(413);
    }
}
