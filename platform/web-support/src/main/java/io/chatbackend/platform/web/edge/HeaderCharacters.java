package io.chatbackend.platform.web.edge;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The firewall's rules for header names and values, the same as Spring Security's defaults (no control character
 * except a tab in a value, no unassigned code point) without their regular expressions, which ran over every
 * character of every header read, bearer tokens included (issue 13's profile, ADR 0018).
 */
public final class HeaderCharacters {

    private HeaderCharacters() {
    }

    /** The default strict firewall with these rules for header names and values. */
    public static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderCharacters::allowedName);
        firewall.setAllowedHeaderValues(HeaderCharacters::allowedValue);
        return firewall;
    }

    public static boolean allowedName(String name) {
        return allowed(name, false);
    }

    public static boolean allowedValue(String value) {
        return allowed(value, true);
    }

    private static boolean allowed(String text, boolean tabAllowed) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            if (codePoint < 0x80) {
                if ((codePoint < 0x20 && !(tabAllowed && codePoint == '\t')) || codePoint == 0x7f) {
                    return false;
                }
            } else if (Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.UNASSIGNED) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
