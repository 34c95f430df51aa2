package io.chatbackend.userclient.web;

import io.chatbackend.platform.web.ApiException;
import io.chatbackend.platform.web.CommonProblem;
import org.springframework.http.HttpStatus;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Checks of identifiers and URLs that arrive in paths and bodies; a failure is {@code 400 VALIDATION_FAILED}. */
public final class Inputs {

    /** The form UAA accepts for a device id at login (so every {@code did} has it), reused for session and node ids. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final int MAX_URL = 2048;

    private Inputs() {
    }

    public static String id(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw invalid(field, "must be 1 to 128 of A-Z a-z 0-9 . _ : -");
        }
        return value;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw invalid(field, "is required");
        }
        return value;
    }

    /** An absolute http(s) URL with a host and no user info (a secret in a URL would be logged everywhere). */
    public static String pushUrl(String value) {
        required("url", value);
        if (value.length() > MAX_URL) {
            throw invalid("url", "must be at most " + MAX_URL + " characters");
        }
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
                    || uri.getRawUserInfo() != null) {
                throw invalid("url", "must be an absolute http or https URL with a host");
            }
        } catch (URISyntaxException e) {
            throw invalid("url", "is not a URL");
        }
        return value;
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(CommonProblem.VALIDATION_FAILED, "'" + field + "' " + message + ".");
    }
}
