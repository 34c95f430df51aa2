package io.chatbackend.platform.snowflake;

import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.testing.SharedInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Generator leases on the real PostgreSQL: exclusive, renewable, expiring, and safe to take over. */
class JdbcGeneratorLeasesIT {

    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(IsolatedData.newDatabase("lease"),
                endpoints.postgresUsername(), endpoints.postgresPassword()));
        jdbc.execute("CREATE TABLE id_generator_lease (generator_id INT PRIMARY KEY, owner VARCHAR(128) NOT NULL, "
                + "expires_at TIMESTAMPTZ NOT NULL, issued_until_ms BIGINT NOT NULL)");
    }

    @Test
    void runningInstancesNeverShareAGeneratorId() {
        Set<Integer> generators = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            JdbcGeneratorLeases leases = new JdbcGeneratorLeases(jdbc, "id_generator_lease", Duration.ofMinutes(1));
            leases.maintain();
            assertThat(generators.add(leases.get().generatorId())).isTrue();
        }
    }

    @Test
    void aLapsedLeaseStopsItsGeneratorBeforeAnotherInstanceCanTakeIt() throws Exception {
        JdbcGeneratorLeases first = new JdbcGeneratorLeases(jdbc, "id_generator_lease", Duration.ofMillis(900));
        first.maintain();
        SnowflakeGenerator ids = SnowflakeGenerator.withSystemClock(first);
        long issued = ids.nextId();
        int generator = first.get().generatorId();

        Thread.sleep(700); // past the local validity (ttl minus a third), still before the database expiry
        assertThatThrownBy(ids::nextId).isInstanceOf(IdGenerationUnavailableException.class);
        assertThat(jdbc.queryForObject("SELECT expires_at > now() FROM id_generator_lease WHERE generator_id = ?",
                Boolean.class, generator)).as("the database still holds it for the first instance").isTrue();

        Thread.sleep(400);
        jdbc.update("DELETE FROM id_generator_lease WHERE generator_id <> ?", generator);
        jdbc.update("INSERT INTO id_generator_lease SELECT g, 'busy', now() + interval '1 hour', 0 "
                + "FROM generate_series(0, 255) g WHERE g <> ?", generator);
        JdbcGeneratorLeases second = new JdbcGeneratorLeases(jdbc, "id_generator_lease", Duration.ofMinutes(1));
        second.maintain();
        assertThat(second.get().generatorId()).as("the only free id is the lapsed one").isEqualTo(generator);
        assertThat(second.get().issuedUntilMillis()).isGreaterThanOrEqualTo(SnowflakeLayout.epochMillisOf(issued));
        long next = SnowflakeGenerator.withSystemClock(second).nextId();
        assertThat(SnowflakeLayout.epochMillisOf(next)).isGreaterThan(second.get().issuedUntilMillis());
    }

    @Test
    void renewalKeepsTheLeaseAndALostLeaseIsReplaced() {
        JdbcGeneratorLeases leases = new JdbcGeneratorLeases(jdbc, "id_generator_lease", Duration.ofMinutes(1));
        leases.maintain();
        int generator = leases.get().generatorId();
        leases.maintain();
        assertThat(leases.get().generatorId()).isEqualTo(generator);

        jdbc.update("UPDATE id_generator_lease SET owner = 'thief' WHERE generator_id = ?", generator);
        leases.maintain();
        assertThat(leases.get().generatorId()).isNotEqualTo(generator);
    }

    @Test
    void releaseFreesTheIdAtOnce() {
        JdbcGeneratorLeases leases = new JdbcGeneratorLeases(jdbc, "id_generator_lease", Duration.ofMinutes(1));
        leases.maintain();
        int generator = leases.get().generatorId();
        leases.release();
        assertThat(leases.get()).isNull();
        assertThat(jdbc.queryForObject("SELECT expires_at <= now() FROM id_generator_lease WHERE generator_id = ?",
                Boolean.class, generator)).isTrue();
    }
}
