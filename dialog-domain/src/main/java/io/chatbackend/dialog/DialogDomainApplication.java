package io.chatbackend.dialog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The dialog-domain service. */
@SpringBootApplication
public class DialogDomainApplication {

    public static void main(String[] args) {
        SpringApplication.run(DialogDomainApplication.class, args);
    }
}
