package io.chatbackend.archfixture.platform;

import io.chatbackend.archfixture.alpha.AlphaService;

/** Deliberately breaks the platform rule: platform code that knows a context. */
public class PlatformHelper {

    public Object leak() {
        return new AlphaService();
    }
}
