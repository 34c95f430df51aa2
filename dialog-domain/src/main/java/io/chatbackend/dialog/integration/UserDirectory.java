package io.chatbackend.dialog.integration;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;

/** Which user ids exist (asked of UAA, the owner of accounts). */
public interface UserDirectory {

    /** The ids among {@code userIds} that belong to no account. */
    Set<UUID> unknown(Collection<UUID> userIds);
}
