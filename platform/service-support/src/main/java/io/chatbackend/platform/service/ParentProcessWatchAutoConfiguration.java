package io.chatbackend.platform.service;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * In the local run every service is a child of the run command; when that process dies (even by
 * {@code kill -9}) the service shuts itself down, so nothing is left behind.
 */
@AutoConfiguration
@ConditionalOnProperty("chat.parent-pid")
public class ParentProcessWatchAutoConfiguration {

    @Bean
    ApplicationListener<ApplicationStartedEvent> parentProcessWatch(
            org.springframework.core.env.Environment environment) {
        long pid = Long.parseLong(environment.getRequiredProperty("chat.parent-pid"));
        return event -> {
            Thread watcher = new Thread(() -> {
                ProcessHandle parent = ProcessHandle.of(pid).orElse(null);
                while (parent != null && parent.isAlive()) {
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                System.exit(SpringApplication.exit(event.getApplicationContext(), () -> 0));
            }, "parent-process-watch");
            watcher.setDaemon(true);
            watcher.start();
        };
    }
}
