package io.chatbackend.notification.config;

import io.chatbackend.notification.push.OfflinePush;
import io.chatbackend.notification.userclient.UserClientApi;
import io.chatbackend.platform.web.outbound.OutboundUrlPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** Pushes to the devices of users with no live session. */
@Configuration(proxyBeanMethods = false)
public class PushConfiguration {

    /**
     * {@code chat.notification.push-allow-private-networks=true} lets pushes go to loopback/private addresses and over
     * http: for the local run and tests, whose receivers listen on 127.0.0.1; never in production (SSRF).
     */
    @Bean(destroyMethod = "close")
    OfflinePush offlinePush(UserClientApi api, NotificationProperties properties, MeterRegistry meters,
                            Clock clock,
                            @Value("${chat.notification.push-allow-private-networks:false}") boolean allowPrivate) {
        Counter sent = Counter.builder("notification.push.sent")
                .description("Offline pushes an endpoint accepted").register(meters);
        Counter failed = Counter.builder("notification.push.failed")
                .description("Offline pushes given up (after retries, dropped, or refused: a non-public address)")
                .register(meters);
        return new OfflinePush(api::pushEndpoints, new OutboundUrlPolicy(allowPrivate),
                new OfflinePush.Settings(properties.pushAttempts(), properties.pushBackoff(),
                        properties.pushMaxInFlight(), properties.pushMaxAge()), sent, failed, clock);
    }
}
