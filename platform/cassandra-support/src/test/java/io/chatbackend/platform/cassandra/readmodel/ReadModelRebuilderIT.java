package io.chatbackend.platform.cassandra.readmodel;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.chatbackend.platform.cassandra.readmodel.ToyModel.ITEMS;
import static io.chatbackend.platform.cassandra.readmodel.ToyModel.NAME;
import static io.chatbackend.platform.cassandra.readmodel.ToyModel.TOTALS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rebuilds of a toy read model (a clustered table with set and map columns, and a plain one) on the real Cassandra:
 * the switch, the comparison report, failure, readers and live writers during a rebuild, one rebuild at a time, and a
 * second instance that answers for a job it did not run.
 */
class ReadModelRebuilderIT {

    private static final Duration REFRESH = Duration.ofMillis(200);
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Short heartbeats, small pages and several ring slices, so paging and slicing are exercised on few rows. */
    private static final RebuildSettings SETTINGS = new RebuildSettings(Duration.ofMillis(200), Duration.ofSeconds(30),
            8, 3);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private CqlSession session;
    private ReadModelCatalog catalog;
    private ReadModelRebuilder rebuilder;

    @BeforeEach
    void start() {
        session = ToyModel.newSession("rmrebuild");
        catalog = catalog();
        rebuilder = rebuilder(catalog);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        session.close();
    }

    @Test
    void aFaithfulReplaySwitchesToTheNextEpochWithNoDifferencesAndKeepsOnlyThePreviousEpoch() throws Exception {
        List<ToyModel.Event> events = ToyModel.events(4);
        events.forEach(event -> ToyModel.applyLive(session, catalog, event));

        RebuildJob job = rebuilder.start(NAME, ToyModel.replaying(session, events));
        RebuildStatus status = job.await(WAIT);

        assertThat(status.state()).as(status.toString()).isEqualTo(RebuildStatus.DONE);
        assertThat(status.error()).isNull();
        assertThat(status.fromEpoch()).isEqualTo(1);
        assertThat(status.toEpoch()).isEqualTo(2);
        assertThat(status.done()).isEqualTo(12);
        assertThat(status.total()).isEqualTo(12);
        assertThat(status.ratePerSecond()).isPositive();
        assertThat(status.eta()).isEqualTo(Duration.ZERO);
        ComparisonReport report = status.report();
        assertThat(report.differences()).isZero();
        assertThat(report.examples()).isEmpty();
        assertThat(report.liveRows()).isEqualTo(12 + 3);
        assertThat(report.rebuiltRows()).isEqualTo(12 + 3);
        assertThat(report.tables()).extracting(TableComparison::logicalTable).containsExactly(ITEMS, TOTALS);

        assertThat(catalog.epoch(NAME)).isEqualTo(2);
        assertThat(catalog.readTable(NAME, ITEMS)).isEqualTo("items_e2");
        assertThat(catalog.writeTables(NAME, ITEMS)).containsExactly("items_e2");
        assertThat(ToyModel.count(session, catalog.readTable(NAME, ITEMS))).isEqualTo(12);
        var row = session.execute("SELECT tags, attrs FROM items_e2 WHERE owner = 'b' AND seq = 3").one();
        assertThat(row.getSet("tags", String.class)).containsExactlyInAnyOrder("t3", "all");
        assertThat(row.getMap("attrs", String.class, Integer.class)).containsEntry("len", "b-body-3".length());

        // Another instance of the service answers for the job from the saved status.
        ReadModelRebuilder elsewhere = rebuilder(catalog());
        RebuildStatus saved = elsewhere.status(job.id()).orElseThrow();
        assertThat(saved.state()).isEqualTo(RebuildStatus.DONE);
        assertThat(saved.report()).isEqualTo(report);
        assertThat(elsewhere.status("no-such-job")).isEmpty();

        // The next rebuild keeps epoch 2 beside the new live epoch 3 and drops epoch 1.
        assertThat(rebuilder.start(NAME, ToyModel.replaying(session, events)).await(WAIT).state())
                .isEqualTo(RebuildStatus.DONE);
        assertThat(catalog.readTable(NAME, TOTALS)).isEqualTo("totals_e3");
        assertThat(ToyModel.tableExists(session, "items_e2")).isTrue();
        assertThat(ToyModel.tableExists(session, "totals_e2")).isTrue();
        assertThat(ToyModel.tableExists(session, "items_e1")).isFalse();
        assertThat(ToyModel.tableExists(session, "totals_e1")).isFalse();
    }

    @Test
    void theReportShowsExactlyTheRowTheReplayLostAndTheColumnItChanged() throws Exception {
        List<ToyModel.Event> events = ToyModel.events(3);
        events.forEach(event -> ToyModel.applyLive(session, catalog, event));
        List<ToyModel.Event> faulty = new ArrayList<>();
        for (ToyModel.Event event : events) {
            if (event.owner().equals("b") && event.seq() == 2) {
                continue;
            }
            faulty.add(event.owner().equals("a") && event.seq() == 1 ? event.withBody("changed") : event);
        }

        RebuildStatus status = rebuilder.start(NAME, ToyModel.replaying(session, faulty)).await(WAIT);

        assertThat(status.state()).as(status.toString()).isEqualTo(RebuildStatus.DONE);
        ComparisonReport report = status.report();
        assertThat(report.onlyInLive()).isEqualTo(1);
        assertThat(report.onlyInRebuilt()).isZero();
        assertThat(report.differing()).isEqualTo(1);
        assertThat(report.tables().get(1).onlyInLive() + report.tables().get(1).differing()).isZero();
        assertThat(report.examples()).containsExactlyInAnyOrder(
                new Difference(ITEMS, Difference.ONLY_IN_LIVE, Map.of("owner", "'b'", "seq", "2"), null, null, null),
                new Difference(ITEMS, Difference.DIFFERENT, Map.of("owner", "'a'", "seq", "1"), "body",
                        "'a-body-1'", "'changed'"));
        assertThat(catalog.epoch(NAME)).isEqualTo(2);
    }

    /** Issue 15: rebuild into a scratch copy and compare, without switching; the copy is dropped afterwards. */
    @Test
    void aComparisonReportsTheDifferencesAndLeavesTheLiveModelLive() throws Exception {
        List<ToyModel.Event> events = ToyModel.events(3);
        events.forEach(event -> ToyModel.applyLive(session, catalog, event));
        List<ToyModel.Event> faulty = events.stream()
                .filter(event -> !(event.owner().equals("b") && event.seq() == 2)).toList();

        RebuildStatus status = rebuilder.compare(NAME, ToyModel.replaying(session, faulty)).await(WAIT);

        assertThat(status.state()).as(status.toString()).isEqualTo(RebuildStatus.COMPARED);
        assertThat(status.error()).isNull();
        assertThat(status.report().onlyInLive()).isEqualTo(1);
        assertThat(status.report().examples()).contains(
                new Difference(ITEMS, Difference.ONLY_IN_LIVE, Map.of("owner", "'b'", "seq", "2"), null, null, null));
        assertThat(catalog.epoch(NAME)).as("nothing switched").isEqualTo(1);
        assertThat(catalog.readTable(NAME, ITEMS)).isEqualTo("items_e1");
        assertThat(catalog.writeTables(NAME, ITEMS)).containsExactly("items_e1");
        assertThat(ToyModel.tableExists(session, "items_e2")).as("the scratch copy is dropped").isFalse();
        assertThat(ToyModel.count(session, "items_e1")).isEqualTo(9);
        ReadModelState state = catalog.readState(NAME).orElseThrow();
        assertThat(state.buildingJob()).as("the model is free again").isNull();
        assertThat(state.buildingEpoch()).isNull();
    }

    @Test
    void aFailingReplayLeavesTheLiveModelUntouchedAndReleasesTheModel() throws Exception {
        List<ToyModel.Event> events = ToyModel.events(2);
        events.forEach(event -> ToyModel.applyLive(session, catalog, event));

        RebuildStatus failed = rebuilder.start(NAME, (sink, progress) -> {
            ToyModel.apply(session, List.of(sink.table(ITEMS)), List.of(sink.table(TOTALS)), events.get(0));
            throw new IllegalStateException("the event store went away");
        }).await(WAIT);

        assertThat(failed.state()).isEqualTo(RebuildStatus.FAILED);
        assertThat(failed.error()).contains("the event store went away");
        assertThat(failed.report()).isNull();
        ReadModelState state = catalog.readState(NAME).orElseThrow();
        assertThat(state.epoch()).isEqualTo(1);
        assertThat(state.buildingEpoch()).isNull();
        assertThat(state.buildingJob()).isNull();
        catalog.awaitPropagation();
        assertThat(catalog.readTable(NAME, ITEMS)).isEqualTo("items_e1");
        assertThat(catalog.writeTables(NAME, ITEMS)).containsExactly("items_e1");
        assertThat(ToyModel.count(session, "items_e1")).isEqualTo(6);
        assertThat(rebuilder(catalog()).status(failed.jobId()).orElseThrow().state()).isEqualTo(RebuildStatus.FAILED);

        // The model is free again.
        assertThat(rebuilder.start(NAME, ToyModel.replaying(session, events)).await(WAIT).state())
                .isEqualTo(RebuildStatus.DONE);
    }

    @Test
    void readersStayOnTheLiveEpochDuringARebuildLiveWritesReachBothAndASecondRebuildIsRefused() throws Exception {
        List<ToyModel.Event> events = ToyModel.events(2);
        events.forEach(event -> ToyModel.applyLive(session, catalog, event));
        ReadModelCatalog otherInstance = catalog();
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        RebuildSource slow = (sink, progress) -> {
            progress.total(events.size());
            for (int i = 0; i < events.size(); i++) {
                if (i == 3) {
                    halfway.countDown();
                    assertThat(proceed.await(60, TimeUnit.SECONDS)).isTrue();
                }
                ToyModel.apply(session, List.of(sink.table(ITEMS)), List.of(sink.table(TOTALS)), events.get(i));
                progress.advance(1);
            }
        };

        RebuildJob job = rebuilder.start(NAME, slow);
        assertThat(halfway.await(60, TimeUnit.SECONDS)).isTrue();

        RebuildStatus midway = job.status();
        assertThat(midway.state()).isEqualTo(RebuildStatus.RUNNING);
        assertThat(midway.done()).isEqualTo(3);
        assertThat(midway.total()).isEqualTo(6);
        for (ReadModelCatalog instance : List.of(catalog, otherInstance)) {
            String readTable = instance.readTable(NAME, ITEMS);
            assertThat(readTable).isEqualTo("items_e1");
            assertThat(ToyModel.count(session, readTable)).isEqualTo(6);
            assertThat(instance.writeTables(NAME, ITEMS)).containsExactly("items_e1", "items_e2");
        }
        assertThat(ToyModel.count(session, "items_e2")).isEqualTo(3);

        // A change that happens during the rebuild, written by another instance's live projection.
        ToyModel.Event during = ToyModel.event("d", 1, "written during the rebuild");
        ToyModel.applyLive(session, otherInstance, during);

        assertThatThrownBy(() -> rebuilder.start(NAME, slow)).isInstanceOf(RebuildRefusedException.class)
                .hasMessageContaining(job.id());
        assertThatThrownBy(() -> rebuilder(catalog()).start(NAME, slow)).isInstanceOf(RebuildRefusedException.class)
                .hasMessageContaining("already running");

        proceed.countDown();
        RebuildStatus status = job.await(WAIT);

        assertThat(status.state()).as(status.toString()).isEqualTo(RebuildStatus.DONE);
        assertThat(status.report().differences()).as(status.report().toString()).isZero();
        assertThat(ToyModel.count(session, "items_e2")).isEqualTo(7);
        otherInstance.awaitPropagation();
        assertThat(otherInstance.readTable(NAME, ITEMS)).isEqualTo("items_e2");
    }

    private ReadModelCatalog catalog() {
        ReadModelCatalog instance = new ReadModelCatalog(session, REFRESH);
        instance.register(ToyModel.definition());
        closeables.add(instance);
        return instance;
    }

    private ReadModelRebuilder rebuilder(ReadModelCatalog owner) {
        ReadModelRebuilder instance = new ReadModelRebuilder(owner, SETTINGS);
        closeables.add(0, instance);
        return instance;
    }
}
