package io.chatbackend.platform.cassandra.readmodel;

import com.datastax.oss.driver.api.core.CqlSession;
import io.chatbackend.platform.cassandra.CassandraSupportAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

import java.util.List;

/**
 * For a service that declares {@link ReadModelDefinition} beans: a {@link ReadModelCatalog} with every one of them
 * registered, and a {@link ReadModelRebuilder}. The service builds its {@link ReadModelAdmin} from its own
 * {@link RebuildSource}s.
 */
@AutoConfiguration(after = CassandraSupportAutoConfiguration.class)
@ConditionalOnBean({CqlSession.class, ReadModelDefinition.class})
@EnableConfigurationProperties(ReadModelProperties.class)
public class ReadModelAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ReadModelCatalog readModelCatalog(CqlSession session, List<ReadModelDefinition> definitions,
                                      ReadModelProperties properties) {
        ReadModelCatalog catalog = new ReadModelCatalog(session, properties.refreshInterval());
        definitions.forEach(catalog::register);
        return catalog;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    ReadModelRebuilder readModelRebuilder(ReadModelCatalog catalog) {
        return new ReadModelRebuilder(catalog);
    }
}
