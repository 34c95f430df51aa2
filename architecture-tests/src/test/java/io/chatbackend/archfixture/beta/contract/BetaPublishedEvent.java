package io.chatbackend.archfixture.beta.contract;

public record BetaPublishedEvent(String id) {
}
