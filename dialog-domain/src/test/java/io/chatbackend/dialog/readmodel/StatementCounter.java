package io.chatbackend.dialog.readmodel;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.session.Request;
import com.datastax.oss.driver.api.core.tracker.RequestTracker;

/**
 * A second session on the application's Cassandra node and keyspace (same authentication and TLS, if any) that
 * records every statement it runs, through the driver's own {@link RequestTracker}: each request the driver sends
 * is counted, a further page of a result included. Only what a test runs on it is counted, never the application's
 * projections and refreshes, so the counts are exact.
 */
final class StatementCounter implements AutoCloseable {

    private final List<String> statements = new CopyOnWriteArrayList<>();
    private final CqlSession session;

    StatementCounter(CqlSession like) {
        Collection<Node> nodes = like.getMetadata().getNodes().values();
        CqlSessionBuilder builder = CqlSession.builder()
                .addContactEndPoints(nodes.stream().map(Node::getEndPoint).toList())
                .withLocalDatacenter(nodes.iterator().next().getDatacenter())
                .withKeyspace(like.getKeyspace().orElseThrow())
                .addRequestTracker(new Recorder());
        like.getContext().getAuthProvider().ifPresent(builder::withAuthProvider);
        like.getContext().getSslEngineFactory().ifPresent(builder::withSslEngineFactory);
        this.session = builder.build();
    }

    CqlSession session() {
        return session;
    }

    /**
     * The statements {@code action} ran. The driver reports a request just after completing it, so this waits
     * until the count holds still before answering, and also before starting: a late report of an earlier request
     * (a warm-up call just before) must not be counted as this action's.
     */
    List<String> statementsOf(Runnable action) {
        awaitStill();
        statements.clear();
        action.run();
        awaitStill();
        return new ArrayList<>(statements);
    }

    private void awaitStill() {
        int[] last = {-1};
        await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> {
            int now = statements.size();
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
    }

    @Override
    public void close() {
        session.close();
    }

    /** Told of each request once it completes (or fails); the driver closes it with the session. */
    private final class Recorder implements RequestTracker {

        @Override
        public void onSuccess(Request request, long latencyNanos, DriverExecutionProfile profile, Node node,
                              String logPrefix) {
            record(request);
        }

        @Override
        public void onError(Request request, Throwable error, long latencyNanos, DriverExecutionProfile profile,
                            Node node, String logPrefix) {
            record(request);
        }

        @Override
        public void close() {
        }

        private void record(Request request) {
            if (request instanceof BoundStatement bound) {
                statements.add(bound.getPreparedStatement().getQuery());
            } else if (request instanceof SimpleStatement simple) {
                statements.add(simple.getQuery());
            }
        }
    }
}
