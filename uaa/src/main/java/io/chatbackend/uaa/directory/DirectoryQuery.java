package io.chatbackend.uaa.directory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * A directory search, validated: the text (at least {@value #MIN_LENGTH} characters: an exact username, or a prefix
 * of a username or display name, in any case), where the previous page ended, and how many to answer. The cursor
 * is opaque to clients: the last username of the previous page, encoded.
 */
public record DirectoryQuery(String text, Optional<String> afterUsername, int limit) {

    public static final int MIN_LENGTH = 3;
    public static final int MAX_LENGTH = 64;
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 50;

    /** Why a search is refused, or the search. */
    public sealed interface Parsed permits Valid, Invalid {
    }

    public record Valid(DirectoryQuery query) implements Parsed {
    }

    public record Invalid(String field, String message) implements Parsed {
    }

    public static Parsed parse(String text, String cursor, Integer limit) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.length() < MIN_LENGTH || stripped.length() > MAX_LENGTH) {
            return new Invalid("query", MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            return new Invalid("limit", "1 to " + MAX_LIMIT);
        }
        Optional<String> after = Optional.empty();
        if (cursor != null && !cursor.isEmpty()) {
            try {
                after = Optional.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                return new Invalid("cursor", "not a cursor this API gave");
            }
        }
        return new Valid(new DirectoryQuery(stripped.toLowerCase(Locale.ROOT), after, size));
    }

    /** The cursor that continues after {@code username}. */
    public static String cursorAfter(String username) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(username.getBytes(StandardCharsets.UTF_8));
    }

    /** {@link #text()} as a LIKE prefix pattern, its wildcards escaped. */
    public String likePrefix() {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
