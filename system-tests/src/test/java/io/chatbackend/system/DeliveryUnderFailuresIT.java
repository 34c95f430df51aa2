package io.chatbackend.system;

import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.testing.ConsumerGroups;
import io.chatbackend.platform.testing.SharedInfrastructure;
import io.chatbackend.system.ChatSystem.Account;
import io.chatbackend.system.ChatSystem.Login;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live delivery while a context the notification node leans on is away. Session liveness never depends on
 * user-client: it only keeps the sessions registry and presence, so while it is down the node keeps every socket
 * and delivers every message, and once it is back the sessions it let expire meanwhile are registered again.
 */
@ResourceLock(ChatSystem.SHARED)
class DeliveryUnderFailuresIT {

    /** Bounds every wait; a deadline, never a claim about speed (the box runs builds beside the tests). */
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Longer than user-client's session TTL (30 s): the registry lets every session expire meanwhile. */
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    private static ChatSystem system;

    @BeforeAll
    static void start() {
        system = ChatSystem.shared();
    }

    @Test
    void userClientStoppedForThirtySecondsUnderLiveSessionsLosesNoSessionAndNoFrame() throws Exception {
        Account alice = system.register();
        Account bob = system.register();
        Account carol = system.register();
        Login alicePhone = system.login(alice, "alice-phone");
        Login aliceLaptop = system.login(alice, "alice-laptop");
        Login bobPhone = system.login(bob, "bob-phone");
        Login carolPhone = system.login(carol, "carol-phone");
        String group = system.createGroup(alicePhone, bob, carol);
        String direct = system.createDirect(bobPhone, carol);
        Map<Login, Set<String>> dialogsOf = new LinkedHashMap<>();
        dialogsOf.put(alicePhone, Set.of(group));
        dialogsOf.put(aliceLaptop, Set.of(group));
        dialogsOf.put(bobPhone, Set.of(group, direct));
        dialogsOf.put(carolPhone, Set.of(group, direct));
        Map<Login, DeviceSocket> sockets = new LinkedHashMap<>();
        for (Login device : dialogsOf.keySet()) {
            sockets.put(device, system.connect(device, Map.of()));
        }
        List<UUID> users = List.of(alice.userId(), bob.userId(), carol.userId());
        Api.await("user-client registered the four sessions", PATIENCE, () -> liveSessions(users), n -> n == 4);

        DeliveryChecker checker = new DeliveryChecker();
        system.userClient.kill();
        long end = System.nanoTime() + OUTAGE.toNanos();
        int k = 0;
        while (System.nanoTime() < end) {
            Login sender = List.of(alicePhone, bobPhone, carolPhone, aliceLaptop).get(k % 4);
            String dialog = k % 3 == 2 && sender != alicePhone && sender != aliceLaptop ? direct : group;
            checker.acknowledged(sender.userId(), dialog, system.send(sender, dialog, "outage-" + k));
            k++;
            Api.pause(500);
        }
        assertThat(sockets.values()).as("no session closed while user-client was down")
                .allMatch(DeviceSocket::isOpen);

        system.userClient.restart(List.of());
        for (int after = 0; after < 3; after++) {
            checker.acknowledged(bobPhone.userId(), direct, system.send(bobPhone, direct, "after-" + after));
        }

        checker.assertAcknowledgedSequences();
        for (Map.Entry<Login, DeviceSocket> entry : sockets.entrySet()) {
            List<DeviceSocket> sessions = List.of(entry.getValue());
            Set<String> dialogs = dialogsOf.get(entry.getKey());
            Api.await(entry.getKey().deviceId() + " has every message", PATIENCE,
                    () -> checker.hasAll(dialogs, sessions), Boolean::booleanValue);
            entry.getValue().sync(PATIENCE);
            checker.assertDevice(entry.getKey().deviceId(), dialogs, sessions);
        }
        // the registry let the sessions expire during the outage (no heartbeat can revive an expired one): live rows
        // again mean the node registered them again
        Api.await("user-client knows the four sessions again", PATIENCE, () -> liveSessions(users), n -> n == 4);
        assertThat(sockets.values()).as("and still no session closed").allMatch(DeviceSocket::isOpen);
        sockets.values().forEach(DeviceSocket::close);
        // the restarted user-client gets its partitions back only once the killed member's session timed out
        // (IntegrationEventConsumer.DEFAULT_SESSION_TIMEOUT): the classes after this one on the shared system must
        // not see its membership and blocks arrive that late
        ConsumerGroups.awaitCaughtUp(SharedInfrastructure.endpoints().kafkaBootstrapServers(),
                system.topicPrefix + "user-client.", Duration.ofSeconds(90));
    }

    /** Unexpired rows of user-client's sessions registry for these users (read from its database). */
    private static int liveSessions(List<UUID> users) {
        Endpoints endpoints = SharedInfrastructure.endpoints();
        try (Connection connection = DriverManager.getConnection(system.databases.get("user-client"),
                endpoints.postgresUsername(), endpoints.postgresPassword());
             PreparedStatement query = connection.prepareStatement(
                     "SELECT count(*) FROM user_client.live_session WHERE user_id = ANY (?) AND expires_at > now()")) {
            query.setArray(1, connection.createArrayOf("uuid", users.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
