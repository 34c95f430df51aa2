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

    @Override
    public void close() {
        standIn.close();
    }
}
