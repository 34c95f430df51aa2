package io.chatbackend.gateway.edge;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.PathContainer;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeRulesTest {

    @Test
    void identityHeadersAreRecognisedWhateverTheirCase() {
        assertThat(SpoofedIdentityHeadersFilter.isSpoofed("X-User-Id")).isTrue();
        assertThat(SpoofedIdentityHeadersFilter.isSpoofed("x-auth-subject")).isTrue();
        assertThat(SpoofedIdentityHeadersFilter.isSpoofed("X-ROLES")).isTrue();
        assertThat(SpoofedIdentityHeadersFilter.isSpoofed("X-Device-Id")).isTrue();
        assertThat(SpoofedIdentityHeadersFilter.isSpoofed("X-Forwarded-User")).isTrue();
        assertThat(SpoofedIdentityHeadersFilter.isSpoofed("X-Principal")).isTrue();
        assertThat(SpoofedIdentityHeadersFilter.isSpoofed("X-Request-Id")).isFalse();
        assertThat(SpoofedIdentityHeadersFilter.isSpoofed("X-Forwarded-For")).isFalse();
        assertThat(SpoofedIdentityHeadersFilter.isSpoofed("Authorization")).isFalse();
        assertThat(SpoofedIdentityHeadersFilter.isSpoofed("X-Username")).isFalse();
    }

    @Test
    void internalAndManagementPathsAreHiddenButHealth() {
        assertThat(NotExposedPathsFilter.isHidden(PathContainer.parsePath("/internal/tcc/try"))).isTrue();
        assertThat(NotExposedPathsFilter.isHidden(PathContainer.parsePath("/internal"))).isTrue();
        assertThat(NotExposedPathsFilter.isHidden(PathContainer.parsePath("/actuator"))).isTrue();
        assertThat(NotExposedPathsFilter.isHidden(PathContainer.parsePath("/actuator/env"))).isTrue();
        assertThat(NotExposedPathsFilter.isHidden(PathContainer.parsePath("/actuator/health"))).isFalse();
        assertThat(NotExposedPathsFilter.isHidden(PathContainer.parsePath("/actuator/health/readiness"))).isFalse();
        assertThat(NotExposedPathsFilter.isHidden(PathContainer.parsePath("/api/v1/dialogs"))).isFalse();
    }
}
