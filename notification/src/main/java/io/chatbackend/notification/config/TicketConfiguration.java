package io.chatbackend.notification.config;

import io.chatbackend.notification.ticket.TicketSigner;
import io.chatbackend.notification.ticket.UsedNonces;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** WebSocket tickets: signed by this node's secret, each spent once (the controller is found by scanning). */
@Configuration(proxyBeanMethods = false)
public class TicketConfiguration {

    @Bean
    TicketSigner ticketSigner(NotificationProperties properties, Clock clock) {
        return new TicketSigner(properties.ticketSecret(), properties.ticketTtl(), clock);
    }

    @Bean
    UsedNonces usedNonces(Clock clock) {
        return new UsedNonces(clock);
    }
}
