package io.chatbackend.notification.config;

import io.chatbackend.notification.dialogs.DialogDirectory;
import io.chatbackend.notification.userclient.UserClientApi;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The internal APIs of the contexts the node calls, each with a token for the one scope it needs: dialog-domain's
 * ({@code delivery}: dialogs, history, reach) and user-client's ({@code sessions}: sessions and node registries,
 * cursors, push endpoints).
 */
@Configuration(proxyBeanMethods = false)
public class OtherContextsConfiguration {

    @Bean
    DialogDirectory dialogDirectory(@Value("${chat.services.dialog-domain}") String dialogDomain,
                                    ServiceCredentials credentials) {
        return new DialogDirectory(dialogDomain, credentials.tokens("delivery"));
    }

    @Bean
    UserClientApi userClientApi(@Value("${chat.services.user-client}") String userClient,
                                ServiceCredentials credentials) {
        return new UserClientApi(userClient, credentials.tokens("sessions"));
    }
}
