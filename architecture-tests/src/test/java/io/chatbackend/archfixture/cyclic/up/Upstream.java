package io.chatbackend.archfixture.cyclic.up;

import io.chatbackend.archfixture.cyclic.down.Downstream;

/** Fixture: uses a package that uses it back (a cycle the package rule must report). */
public class Upstream {

    public Downstream next() {
        return new Downstream();
    }
}
