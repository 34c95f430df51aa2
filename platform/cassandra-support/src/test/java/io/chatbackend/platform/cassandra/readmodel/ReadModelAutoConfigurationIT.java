package io.chatbackend.platform.cassandra.readmodel;

import io.chatbackend.platform.cassandra.CassandraSupportAutoConfiguration;
import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A service that declares read-model definitions gets a catalog with them registered, and a rebuilder. */
class ReadModelAutoConfigurationIT {

    private final Endpoints endpoints = SharedInfrastructure.endpoints();
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CassandraSupportAutoConfiguration.class,
                    ReadModelAutoConfiguration.class))
            .withPropertyValues("spring.cassandra.contact-points=" + endpoints.cassandraHost() + ":"
                            + endpoints.cassandraPort(),
                    "spring.cassandra.local-datacenter=" + endpoints.cassandraLocalDatacenter(),
                    "spring.cassandra.keyspace-name=" + IsolatedData.uniqueName("rmauto"));

    @Test
    void definitionBeansAreRegisteredAtStart() {
        runner.withBean(ReadModelDefinition.class, ToyModel::definition)
                .withPropertyValues("chat.read-models.refresh-interval=300ms")
                .run(context -> {
                    ReadModelCatalog catalog = context.getBean(ReadModelCatalog.class);
                    assertThat(catalog.refreshInterval()).isEqualTo(Duration.ofMillis(300));
                    assertThat(catalog.readTable(ToyModel.NAME, ToyModel.ITEMS)).isEqualTo("items_e1");
                    assertThat(context).hasSingleBean(ReadModelRebuilder.class);
                });
    }

    @Test
    void withoutDefinitionsThereIsNoCatalog() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ReadModelCatalog.class)
                .doesNotHaveBean(ReadModelRebuilder.class));
    }
}
