package io.chatbackend.notification.config;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.notification.membership.MembershipTail;
import io.chatbackend.notification.membership.MembershipView;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The dialogs' members as the node knows them: a view rebuilt from the dialogs topic at every start (the node is
 * out of service until it has replayed) and kept current by tailing it.
 */
@Configuration(proxyBeanMethods = false)
public class MembershipConfiguration {

    @Bean
    MembershipView membershipView(IntegrationEventCodec codec) {
        return new MembershipView(codec);
    }

    @Bean
    MembershipTail membershipTail(@Value("${spring.kafka.bootstrap-servers}") String bootstrap, TopicNames names,
                                  IntegrationEventCodec codec, MembershipView view, Admin admin) {
        return new MembershipTail(bootstrap, names, List.of(DialogTopics.DIALOGS, DialogTopics.BLOCKS), codec, view,
                admin);
    }

    @Bean
    HealthIndicator membership(MembershipTail tail, MembershipView view) {
        return () -> (tail.replayed() ? Health.up() : Health.outOfService())
                .withDetail("dialogs", view.dialogs()).build();
    }
}
