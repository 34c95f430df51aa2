package io.chatbackend.platform.cassandra.readmodel;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.chatbackend.platform.cassandra.readmodel.ToyModel.ITEMS;
import static io.chatbackend.platform.cassandra.readmodel.ToyModel.TOTALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalog against the real Cassandra: registration, which tables to read and write in each phase of a rebuild,
 * and several instances (one catalog each, as in several service instances) following a switch.
 */
class ReadModelCatalogIT {

    private static final Duration REFRESH = Duration.ofMillis(200);

    private final List<ReadModelCatalog> catalogs = new ArrayList<>();
    private CqlSession session;

    @BeforeEach
    void connect() {
        session = ToyModel.newSession("rmcatalog");
    }

    @AfterEach
    void close() {
        catalogs.forEach(ReadModelCatalog::close);
        session.close();
    }

    @Test
    void registerCreatesTheEpochOneTablesOnceAndReadsGoThere() {
        ReadModelDefinition definition = new ReadModelDefinition("reg", Map.of("docs",
                "CREATE TABLE %s (id int PRIMARY KEY, body text)", "tags", "CREATE TABLE %s (tag text, id int, "
                        + "PRIMARY KEY (tag, id))"));
        ReadModelCatalog first = catalog();
        first.register(definition);

        assertThat(ToyModel.tableExists(session, "docs_e1")).isTrue();
        assertThat(ToyModel.tableExists(session, "tags_e1")).isTrue();
        assertThat(first.epoch("reg")).isEqualTo(1);
        assertThat(first.readTable("reg", "docs")).isEqualTo("docs_e1");
        assertThat(first.writeTables("reg", "docs")).containsExactly("docs_e1");

        // A second instance, and a repeated registration, find the model and change nothing.
        session.execute("INSERT INTO docs_e1 (id, body) VALUES (1, 'kept')");
        ReadModelCatalog second = catalog();
        second.register(definition);
        first.register(definition);
        assertThat(second.epoch("reg")).isEqualTo(1);
        assertThat(ToyModel.count(session, "docs_e1")).isEqualTo(1);

        assertThatThrownBy(() -> first.readTable("reg", "nope")).hasMessageContaining("no table nope");
        assertThatThrownBy(() -> first.epoch("nope")).isInstanceOf(UnknownReadModelException.class);
        assertThatThrownBy(() -> first.register(new ReadModelDefinition("reg", Map.of("docs",
                "CREATE TABLE %s (id int PRIMARY KEY)")))).hasMessageContaining("another definition");
        // Physical names do not carry the model's name: two models of one service cannot share a logical name.
        assertThatThrownBy(() -> first.register(new ReadModelDefinition("other", Map.of("docs",
                "CREATE TABLE %s (id int PRIMARY KEY)")))).hasMessageContaining("docs");
    }

    @Test
    void writeTablesListTheBuildingTableDuringARebuildWhileReadsStayLive() throws Exception {
        ReadModelCatalog rebuilding = catalog();
        rebuilding.register(ToyModel.definition());
        ReadModelCatalog other = catalog();
        other.register(ToyModel.definition());

        assertThat(rebuilding.claim(ToyModel.NAME, "job-1", Duration.ofMinutes(1)).claimed()).isTrue();
        assertThat(rebuilding.writeTables(ToyModel.NAME, ITEMS)).containsExactly("items_e1");
        assertThat(rebuilding.markBuilding(ToyModel.NAME, "job-1", 1, 2)).isTrue();
        rebuilding.awaitPropagation();

        for (ReadModelCatalog instance : List.of(rebuilding, other)) {
            assertThat(instance.writeTables(ToyModel.NAME, ITEMS)).containsExactly("items_e1", "items_e2");
            assertThat(instance.writeTables(ToyModel.NAME, TOTALS)).containsExactly("totals_e1", "totals_e2");
            assertThat(instance.readTable(ToyModel.NAME, ITEMS)).isEqualTo("items_e1");
            assertThat(instance.epoch(ToyModel.NAME)).isEqualTo(1);
        }

        assertThat(rebuilding.release(ToyModel.NAME, "job-1")).isTrue();
        rebuilding.awaitPropagation();
        assertThat(other.writeTables(ToyModel.NAME, ITEMS)).containsExactly("items_e1");
    }

    @Test
    void aSwitchIsVisibleToEveryInstanceAfterTheRefreshAndTheOldEpochIsWrittenUntilReleased() throws Exception {
        ReadModelCatalog rebuilding = catalog();
        rebuilding.register(ToyModel.definition());
        ReadModelCatalog other = catalog();
        other.register(ToyModel.definition());
        rebuilding.claim(ToyModel.NAME, "job-2", Duration.ofMinutes(1));
        rebuilding.markBuilding(ToyModel.NAME, "job-2", 1, 2);

        assertThat(rebuilding.switchEpoch(ToyModel.NAME, "job-2", 1, 2)).isTrue();
        // A switch from a stale epoch, or by a job that does not hold the model, does not apply.
        assertThat(rebuilding.switchEpoch(ToyModel.NAME, "job-2", 1, 2)).isFalse();
        assertThat(rebuilding.switchEpoch(ToyModel.NAME, "job-x", 2, 3)).isFalse();
        rebuilding.awaitPropagation();

        assertThat(other.epoch(ToyModel.NAME)).isEqualTo(2);
        assertThat(other.readTable(ToyModel.NAME, ITEMS)).isEqualTo("items_e2");
        assertThat(other.writeTables(ToyModel.NAME, ITEMS)).containsExactly("items_e2", "items_e1");

        rebuilding.release(ToyModel.NAME, "job-2");
        rebuilding.awaitPropagation();
        assertThat(other.writeTables(ToyModel.NAME, ITEMS)).containsExactly("items_e2");
        // A newly started instance sees the new epoch at once.
        ReadModelCatalog late = catalog();
        late.register(ToyModel.definition());
        assertThat(late.readTable(ToyModel.NAME, TOTALS)).isEqualTo("totals_e2");
    }

    @Test
    void aSecondClaimIsRefusedUntilReleasedOrUntilTheHoldersLeaseRunsOut() throws Exception {
        ReadModelCatalog catalog = catalog();
        catalog.register(new ReadModelDefinition("claims", Map.of("c", "CREATE TABLE %s (k int PRIMARY KEY)")));

        assertThat(catalog.claim("claims", "job-a", Duration.ofSeconds(1)).claimed()).isTrue();
        ReadModelCatalog.ClaimResult refused = catalog.claim("claims", "job-b", Duration.ofMinutes(1));
        assertThat(refused.claimed()).isFalse();
        assertThat(refused.previous().buildingJob()).isEqualTo("job-a");

        assertThat(catalog.release("claims", "job-a")).isTrue();
        assertThat(catalog.claim("claims", "job-b", Duration.ofSeconds(1)).claimed()).isTrue();

        // job-b stops sending heartbeats (a crashed instance): after its lease another job takes over.
        Thread.sleep(1_500);
        ReadModelCatalog.ClaimResult takeover = catalog.claim("claims", "job-c", Duration.ofSeconds(1));
        assertThat(takeover.claimed()).isTrue();
        assertThat(takeover.tookOver()).isTrue();
        assertThat(catalog.heartbeat("claims", "job-b")).isFalse();
        assertThat(catalog.heartbeat("claims", "job-c")).isTrue();
    }

    private ReadModelCatalog catalog() {
        ReadModelCatalog catalog = new ReadModelCatalog(session, REFRESH);
        catalogs.add(catalog);
        return catalog;
    }
}
