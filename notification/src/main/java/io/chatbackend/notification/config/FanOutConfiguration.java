package io.chatbackend.notification.config;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.fanout.FanOut;
import io.chatbackend.notification.fanout.JoinNotices;
import io.chatbackend.notification.membership.MembershipTail;
import io.chatbackend.notification.membership.MembershipView;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.IntegrationEventPublisher;
import io.chatbackend.platform.events.TopicNames;
import io.chatbackend.platform.events.consumer.IntegrationEventConsumer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The fan-out stage: {@code MessageSent} → one deliveries record per message and deliveries partition, and members'
 * joins → join notices (ADR 0013, ADR 0015).
 */
@Configuration(proxyBeanMethods = false)
public class FanOutConfiguration {

    @Bean
    IntegrationEventConsumer fanOutConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                            TopicNames names, IntegrationEventCodec codec, MembershipView view,
                                            MembershipTail tail, DialogDirectory directory,
                                            IntegrationEventPublisher publisher, Clock clock, MeterRegistry meters,
                                            NotificationProperties properties) {
        Counter lookUps = Counter.builder("notification.fanout.member-lookups")
                .description("Fan-outs that asked dialog-domain for members (the view did not know the sender)")
                .register(meters);
        return new IntegrationEventConsumer(settings(bootstrap, names, "notification.fan-out", MessageSent.TOPIC)
                .withSessionTimeout(properties.failoverTimeout()), names, codec,
                new FanOut(view, tail, directory, publisher, codec, clock, lookUps));
    }

    @Bean
    IntegrationEventConsumer joinNoticeConsumer(@Value("${spring.kafka.bootstrap-servers}") String bootstrap,
                                                TopicNames names, IntegrationEventCodec codec,
                                                IntegrationEventPublisher publisher, Clock clock,
                                                MembershipView view, MembershipTail tail) {
        return new IntegrationEventConsumer(settings(bootstrap, names, "notification.join-notices",
                DialogTopics.DIALOGS), names, codec, new JoinNotices(publisher, codec, clock, view, tail));
    }

    /** Groups are per role and per topic prefix, so test classes never share one. Short back-off: live traffic. */
    private static IntegrationEventConsumer.Settings settings(String bootstrap, TopicNames names, String group,
                                                              String topic) {
        return IntegrationEventConsumer.Settings.of(bootstrap, names.physical(group), List.of(topic))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    }
}
