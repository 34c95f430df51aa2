package io.chatbackend.platform.service.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

class RequiredSecretsCheckTest {

    private static final RequiredSecret TICKET_KEY = new RequiredSecret("chat.ticket-secret", "CHAT_TICKET_SECRET");

    @Test
    void aMissingSecretIsNamedByItsVariable() {
        assertThat(SecretRules.problem(TICKET_KEY, null)).get().asString()
                .contains("CHAT_TICKET_SECRET").contains("not set");
        assertThat(SecretRules.problem(TICKET_KEY, "  ")).get().asString().contains("not set");
    }

    @Test
    void aShortSecretIsRefused() {
        assertThat(SecretRules.problem(TICKET_KEY, "fifteen-chars-x")).get().asString().contains("shorter");
        assertThat(SecretRules.problem(TICKET_KEY, "sixteen-chars-xx")).isEmpty();
    }

    @Test
    void everyValueEarlierVersionsShippedIsRefusedWithoutBeingRepeated() {
        for (String published : new String[] {"local-message-domain-secret", "local-dialog-domain-secret",
                "local-user-client-secret", "local-notification-secret",
                "local-dev-notification-ticket-secret-change-me"}) {
            assertThat(SecretRules.problem(TICKET_KEY, published)).as(published).get().asString()
                    .contains("published").doesNotContain(published);
        }
    }

    @Test
    void theCheckListsEveryProblemAndFailsTheStart() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("chat.secrets.required[0].property", "chat.ticket-secret")
                .withProperty("chat.secrets.required[0].variable", "CHAT_TICKET_SECRET")
                .withProperty("chat.secrets.required[1].property", "spring.datasource.password")
                .withProperty("chat.secrets.required[1].variable", "SPRING_DATASOURCE_PASSWORD")
                .withProperty("spring.datasource.password", "local-notification-secret");
        RequiredSecretsCheck check = new RequiredSecretsCheck();
        check.setEnvironment(environment);

        assertThatThrownBy(() -> check.postProcessBeanFactory(new DefaultListableBeanFactory()))
                .isInstanceOf(RequiredSecretsCheck.MissingSecretsException.class)
                .hasMessageContaining("CHAT_TICKET_SECRET")
                .hasMessageContaining("SPRING_DATASOURCE_PASSWORD")
                .hasMessageNotContaining("local-notification-secret");
    }

    @Test
    void aServiceWithItsSecretsStarts() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("chat.secrets.required[0].property", "chat.ticket-secret")
                .withProperty("chat.secrets.required[0].variable", "CHAT_TICKET_SECRET")
                .withProperty("chat.ticket-secret", "k3Jx9-generated-at-first-start");
        RequiredSecretsCheck check = new RequiredSecretsCheck();
        check.setEnvironment(environment);

        check.postProcessBeanFactory(new DefaultListableBeanFactory());
        assertThat(RequiredSecretsCheck.declared(environment)).containsExactly(TICKET_KEY);
    }
}
