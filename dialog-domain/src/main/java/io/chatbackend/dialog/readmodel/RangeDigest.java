package io.chatbackend.dialog.readmodel;

/**
 * A digest of a range of a dialog's history: SHA-256, in lower-case hex, over the UTF-8 bytes of one line
 * {@code "<dialogSeq>:<messageId>:<version>\n"} per message in ascending dialogSeq order (messageId in decimal).
 * An empty range digests to SHA-256 of nothing.
 */
public record RangeDigest(long fromSeq, long toSeq, long count, String digest, long epoch) {
}
