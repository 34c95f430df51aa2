package io.chatbackend.platform.auditapi;

/** One item in its stored form ({@link StoredEventLine} or {@link StoredRecordLine}): what an export holds. */
public sealed interface StoredLine permits StoredEventLine, StoredRecordLine {

    long position();
}
