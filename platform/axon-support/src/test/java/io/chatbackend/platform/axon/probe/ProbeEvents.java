package io.chatbackend.platform.axon.probe;

public final class ProbeEvents {

    private ProbeEvents() {
    }

    public record Created(String id, String text) {
    }

    public record Changed(String id, String text) {
    }
}
