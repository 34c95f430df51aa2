package io.chatbackend.platform.web;

import java.util.Collection;

/**
 * Who may change anything (ADR 0027): a token whose roles hold {@code USER} or {@code ADMIN}. A token with neither
 * (an auditor's account without the user role: {@code AUDITOR} alone) may only read; what it reads through the audit
 * API is recorded, and nothing else it does changes any state.
 */
public final class ReadOnlyRoles {

    private ReadOnlyRoles() {
    }

    public static boolean mayChange(Collection<String> roles) {
        return roles != null && (roles.contains("USER") || roles.contains("ADMIN"));
    }
}
