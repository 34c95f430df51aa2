package io.chatbackend.message;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The message-domain service. */
@SpringBootApplication
public class MessageDomainApplication {

    public static void main(String[] args) {
        SpringApplication.run(MessageDomainApplication.class, args);
    }
}
