package io.chatbackend.userclient.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code chat.user-client.*}.
 *
 * @param sessionTtl       how long a live session counts as alive after its registration or last heartbeat
 * @param presenceDebounce how long a presence change must stand before it is published (shorter flaps are not)
 * @param sweepInterval    how often expired sessions are swept and due presence changes published (also the
 *                         property {@code chat.user-client.sweep-interval} read by the scheduler, ISO-8601)
 * @param nodeTtl          how long a notification node counts as alive after its last registration (its
 *                         partitions then stop routing tickets to it)
 */
@ConfigurationProperties("chat.user-client")
public record UserClientProperties(@DefaultValue("30s") Duration sessionTtl,
                                   @DefaultValue("3s") Duration presenceDebounce,
                                   @DefaultValue("1s") Duration sweepInterval,
                                   @DefaultValue("30s") Duration nodeTtl) {
}
