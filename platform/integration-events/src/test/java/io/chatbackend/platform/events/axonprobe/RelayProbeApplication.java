package io.chatbackend.platform.events.axonprobe;

import io.chatbackend.platform.events.DeclaredTopics;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A tiny event-sourced "context" used to prove the event-store relay (no domain meaning). */
@SpringBootApplication
public class RelayProbeApplication {

    public static final String TOPIC = "probe.things.v1";

    @Bean
    DeclaredTopics probeTopics() {
        return DeclaredTopics.of(TOPIC);
    }
}
