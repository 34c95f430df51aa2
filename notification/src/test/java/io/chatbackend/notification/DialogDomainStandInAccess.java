package io.chatbackend.notification;

import java.util.UUID;

/** Opens {@link DialogDomainStandIn} to tests in other packages. */
public final class DialogDomainStandInAccess implements AutoCloseable {

    private final DialogDomainStandIn standIn = new DialogDomainStandIn();

    public String baseUrl() {
        return standIn.baseUrl();
    }

    public long join(UUID dialog, UUID user) {
        return standIn.join(dialog, user);
    }

    public long append(UUID dialog, UUID sender, String text) {
        return standIn.append(dialog, sender, text, true).dialogSeq();
    }

    /** A message confirmed but not in history yet (the read model lags); returns its dialogSeq. */
    public long appendLagging(UUID dialog, UUID sender, String text) {
        return standIn.append(dialog, sender, text, false).dialogSeq();
    }

    public void catchUpHistory(UUID dialog) {
        standIn.catchUpHistory(dialog);
    }

    @Override
    public void close() {
        standIn.close();
    }
}
