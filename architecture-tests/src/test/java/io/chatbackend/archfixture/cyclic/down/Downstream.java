package io.chatbackend.archfixture.cyclic.down;

import io.chatbackend.archfixture.cyclic.up.Upstream;

/** Fixture: the other half of the cycle. */
public class Downstream {

    public Upstream back() {
        return new Upstream();
    }
}
