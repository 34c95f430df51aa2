package io.chatbackend.archfixture.alpha;

import io.chatbackend.archfixture.beta.BetaInternals;
import io.chatbackend.archfixture.beta.contract.BetaPublishedEvent;

/** Deliberately breaks the context rule (uses beta's internals) beside an allowed use of beta's contract. */
public class AlphaService {

    public String illegal() {
        return new BetaInternals().secret();
    }

    public String legal(BetaPublishedEvent event) {
        return event.id();
    }
}
