package io.chatbackend.platform.axon.probe;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ProbeApplication {
}
