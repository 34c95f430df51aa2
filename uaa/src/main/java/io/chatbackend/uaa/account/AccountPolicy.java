package io.chatbackend.uaa.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a username, display name and password must look like. Usernames are compared lower-case. */
public final class AccountPolicy {

    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{2,31}");
    public static final int PASSWORD_MIN = 10;
    public static final int PASSWORD_MAX = 128;
    public static final int DISPLAY_NAME_MAX = 64;

    private AccountPolicy() {
    }

    public static String normalizeUsername(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /** The problems with a registration, as field → message; empty when acceptable. */
    public static List<String[]> violations(String username, String password, String displayName) {
        List<String[]> problems = new ArrayList<>();
        String normalized = normalizeUsername(username);
        if (!USERNAME.matcher(normalized).matches()) {
            problems.add(new String[] {"username",
                    "3 to 32 characters: letters, digits, '_', '.', '-', starting with a letter or digit"});
        }
        if (password == null || password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) {
            problems.add(new String[] {"password", PASSWORD_MIN + " to " + PASSWORD_MAX + " characters"});
        } else if (password.toLowerCase(Locale.ROOT).contains(normalized) && !normalized.isEmpty()) {
            problems.add(new String[] {"password", "must not contain the username"});
        }
        if (displayName != null && (displayName.isBlank() || displayName.length() > DISPLAY_NAME_MAX)) {
            problems.add(new String[] {"displayName", "1 to " + DISPLAY_NAME_MAX + " characters"});
        }
        return problems;
    }
}
