package io.chatbackend.platform.web.edge;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizationHeaderTokensTest {

    private final AuthorizationHeaderTokens tokens = new AuthorizationHeaderTokens();
    private final DefaultBearerTokenResolver spring = new DefaultBearerTokenResolver();

    @Test
    void answersLikeSpringSecuritysResolverForWellFormedAndMalformedHeaders() {
        List<String> headers = List.of("Bearer abc.DEF-ghi_~+/09", "bearer abc", "BEARER abc==", "Bearer abc=",
                "Bearer a=b", "Bearer ", "Bearer  abc", "Bearer abc def", "Bearer ===", "Bearer ab%cd",
                "Bearer \u00e9t\u00e9", "Basic dXNlcjpwYXNz", "Bearerabc", "", "Bearer abc\t");
        for (String header : headers) {
            MockHttpServletRequest request = new MockHttpServletRequest();
            request.addHeader("Authorization", header);
            assertThat(outcome(() -> tokens.resolve(request))).as(header)
                    .isEqualTo(outcome(() -> spring.resolve(request)));
        }
    }

    @Test
    void noHeaderIsNoToken_andAQueryParameterIsNeverRead() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setParameter("access_token", "abc");
        assertThat(tokens.resolve(request)).isNull();
    }

    @Test
    void aMalformedTokenIsAnInvalidTokenError() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Bearer not a token");
        assertThatThrownBy(() -> tokens.resolve(request)).isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessageContaining("malformed");
    }

    private static String outcome(java.util.function.Supplier<String> resolve) {
        try {
            return "token:" + resolve.get();
        } catch (OAuth2AuthenticationException e) {
            return "error:" + e.getError().getErrorCode();
        }
    }
}
