package io.chatbackend.archfixture.beta;

public class BetaInternals {

    public String secret() {
        return "beta";
    }
}
