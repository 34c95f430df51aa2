package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.chatbackend.platform.testing.ServiceProcess;
import io.chatbackend.system.ChatSystem.Account;
import io.chatbackend.system.ChatSystem.Login;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Live delivery end to end through the real gateway and the real processes of every context involved (uaa,
 * message-domain, dialog-domain, user-client, notification, api-gateway; identity from the real UAA): users
 * register and log in, send over HTTP and receive over WebSocket, as a client would. Each test uses users of its
 * own, so the tests share the one stack started for the class.
 */
@ResourceLock(ChatSystem.SHARED)
class LiveDeliveryThroughGatewayIT {

    /** Bounds every wait; a deadline, never a claim about speed (the box runs builds beside the tests). */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static ChatSystem system;

    @BeforeAll
    static void start() {
        system = ChatSystem.shared();
    }

    /**
     * Four users with two devices each in a group of all and three 1:1 dialogs, all sending at once (each retrying
     * with the same key on 202/409/503); one device goes away mid-way, a dialog with its user is created and written
     * to meanwhile, and the device resumes from what it held (the new dialog comes in full, as a dialog joined while
     * offline). The checker holds every frame of every device against the 201s (G1–G6), and the history against
     * both.
     */
    @Test
    void everyDeviceGetsEveryAcknowledgedMessageOnceInOrderUnderConcurrentSendersAndAResume() throws Exception {
        DeliveryChecker checker = new DeliveryChecker();
        List<Account> users = new ArrayList<>();
        List<List<Login>> devices = new ArrayList<>();
        for (int u = 0; u < 4; u++) {
            Account account = system.register();
            users.add(account);
            devices.add(List.of(system.login(account, "phone-" + u), system.login(account, "laptop-" + u)));
        }
        String group = system.createGroup(devices.get(0).get(0), users.get(1), users.get(2), users.get(3));
        String direct01 = system.createDirect(devices.get(0).get(0), users.get(1));
        String direct12 = system.createDirect(devices.get(1).get(0), users.get(2));
        String direct23 = system.createDirect(devices.get(2).get(0), users.get(3));
        List<List<String>> dialogsOf = List.of(List.of(group, direct01), List.of(group, direct01, direct12),
                List.of(group, direct12, direct23), List.of(group, direct23));

        Map<Login, List<DeviceSocket>> sessions = new LinkedHashMap<>();
        for (List<Login> userDevices : devices) {
            for (Login device : userDevices) {
                sessions.put(device, new ArrayList<>(List.of(system.connect(device, Map.of()))));
            }
        }

        int perUser = 10;
        ExecutorService senders = Executors.newFixedThreadPool(users.size());
        List<Future<?>> sending = new ArrayList<>();
        for (int u = 0; u < users.size(); u++) {
            int user = u;
            sending.add(senders.submit(() -> {
                for (int k = 0; k < perUser; k++) {
                    Login sender = devices.get(user).get(k % 2);
                    String dialog = dialogsOf.get(user).get(k % dialogsOf.get(user).size());
                    checker.acknowledged(sender.userId(), dialog, system.send(sender, dialog, "u" + user + "-" + k));
                }
                return null;
            }));
        }
        senders.shutdown();
        int total = perUser * users.size();

        Login away = devices.get(3).get(1);
        Api.await("a third of the sends acknowledged", PATIENCE, checker::total, n -> n >= total / 3);
        DeviceSocket awaySession = sessions.get(away).get(0);
        awaySession.await("message", 3, PATIENCE); // so the resume starts after what it holds, not from nothing
        awaySession.close();
        Login creator = devices.get(0).get(0);
        String createdMeanwhile = system.createDirect(creator, users.get(3));
        for (int k = 0; k < 2; k++) {
            checker.acknowledged(creator.userId(), createdMeanwhile,
                    system.send(creator, createdMeanwhile, "meanwhile-" + k));
        }
        Api.await("two thirds of the sends acknowledged", PATIENCE, checker::total, n -> n >= 2 * total / 3);
        sessions.get(away).add(system.connect(away, DeliveryChecker.held(sessions.get(away))));
        for (Future<?> sender : sending) {
            sender.get();
        }

        checker.assertAcknowledgedSequences();
        for (int u = 0; u < users.size(); u++) {
            Set<String> dialogs = new HashSet<>(dialogsOf.get(u));
            if (u == 0 || u == 3) {
                dialogs.add(createdMeanwhile);
            }
            for (Login device : devices.get(u)) {
                List<DeviceSocket> deviceSessions = sessions.get(device);
                Api.await(device.deviceId() + " has every message of its dialogs", PATIENCE,
                        () -> checker.hasAll(dialogs, deviceSessions), Boolean::booleanValue);
                DeviceSocket current = deviceSessions.get(deviceSessions.size() - 1);
                current.sync(PATIENCE); // a duplicate already produced would now show
                checker.assertDevice(device.deviceId(), dialogs, deviceSessions);
            }
        }
        assertThat(sessions.get(away)).hasSize(2);
        assertThat(sessions.get(away).get(1).messages()).as("the resumed session got what was missed and more")
                .isNotEmpty();
        assertThat(sessions.get(away).get(1).messages()).as("including the dialog created while it was away")
                .filteredOn(message -> message.get("dialogId").asString().equals(createdMeanwhile)).hasSize(2);
        for (String dialog : List.of(group, direct01, direct12, direct23, createdMeanwhile)) {
            Login member = dialog.equals(direct23) ? devices.get(2).get(0)
                    : dialog.equals(createdMeanwhile) ? devices.get(3).get(0) : devices.get(1).get(0);
            checker.assertHistory(dialog, system.history(member, dialog, checker.count(dialog), PATIENCE));
        }
        sessions.values().forEach(list -> list.forEach(DeviceSocket::close));
    }

    /**
     * A device that stops reading, through the gateway: its frames fill the socket buffers of both hops (client ←
     * gateway ← node), then the session's bounded queue (32 frames in this stack), then the node drops frames
     * rather than stall anyone. The user's other device, reading, gets every message once and in order meanwhile.
     * When the slow device reads again it sees a hole in {@code sessionSeq} and {@code gap} frames naming exactly
     * the hole; it resyncs from the last {@code dialogSeq} it holds without a hole, from the history and by
     * {@code resume}, and so ends with every acknowledged message.
     */
    @Test
    void aDeviceThatStopsReadingLosesFramesVisiblyAndResyncsWhileItsOtherDeviceMissesNothing() throws Exception {
        DeliveryChecker checker = new DeliveryChecker();
        Account reader = system.register();
        Login slowDevice = system.login(reader, "slow-phone");
        Login steadyDevice = system.login(reader, "laptop");
        List<Login> senders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            senders.add(system.login(system.register(), "desk"));
        }
        String group = system.createGroup(senders.get(0), reader, senders.get(1).account(),
                senders.get(2).account());
        DeviceSocket slow = system.connect(slowDevice, Map.of());
        DeviceSocket steady = system.connect(steadyDevice, Map.of());
        slow.sync(PATIENCE);
        slow.pause();

        Login operator = system.operator();
        String overflowsMetric = "notification.session.queue.overflows";
        double overflowsBefore = system.notificationMetric(operator, overflowsMetric);
        // 4,000 characters of three UTF-8 bytes each: about 12 KB per frame, so the buffers fill with fewer sends
        String text = "\u8a9e".repeat(4000);
        ExecutorService sending = Executors.newFixedThreadPool(senders.size());
        int rounds = 0;
        while (system.notificationMetric(operator, overflowsMetric) == overflowsBefore) {
            assertThat(rounds++).as("the session's queue overflowed within 60 rounds of sends").isLessThan(60);
            List<Future<?>> round = new ArrayList<>();
            for (Login sender : senders) {
                round.add(sending.submit(() -> {
                    for (int k = 0; k < 10; k++) {
                        checker.acknowledged(sender.userId(), group, system.send(sender, group, text));
                    }
                    return null;
                }));
            }
            for (Future<?> done : round) {
                done.get();
            }
        }
        sending.shutdown();
        int total = checker.count(group);
        checker.assertAcknowledgedSequences();

        Api.await("the reading device has all " + total + " messages", PATIENCE,
                () -> checker.hasAll(Set.of(group), List.of(steady)), Boolean::booleanValue);
        steady.sync(PATIENCE);
        checker.assertDevice(steadyDevice.deviceId(), Set.of(group), List.of(steady));

        slow.resumeReading();
        slow.await("gap", 1, PATIENCE);
        awaitPong(slow); // everything produced for the session before the ping is here

        // the holes in sessionSeq are exactly what the gap frames name
        List<JsonNode> frames = slow.frames();
        List<Long> sessionSeqs = frames.stream().map(frame -> frame.get("sessionSeq").asLong()).toList();
        assertThat(sessionSeqs).isSorted().doesNotHaveDuplicates();
        Set<Long> missing = new HashSet<>();
        for (int i = 1; i < sessionSeqs.size(); i++) {
            for (long s = sessionSeqs.get(i - 1) + 1; s < sessionSeqs.get(i); s++) {
                missing.add(s);
            }
        }
        Set<Long> named = new HashSet<>();
        for (JsonNode gap : slow.frames("gap")) {
            assertThat(gap.get("sessionSeq").asLong()).as("a gap comes after the frames it names")
                    .isGreaterThan(gap.get("toSessionSeq").asLong());
            for (long s = gap.get("fromSessionSeq").asLong(); s <= gap.get("toSessionSeq").asLong(); s++) {
                named.add(s);
            }
        }
        assertThat(missing).as("frames were dropped").isNotEmpty();
        assertThat(named).as("every hole is announced, and only holes").isEqualTo(missing);

        // what arrived is in order and acknowledged; some messages did not arrive
        List<Long> received = dialogSeqs(slow.messages());
        assertThat(received).isSorted().doesNotHaveDuplicates().hasSizeLessThan(total);
        assertThat(received).allSatisfy(seq -> assertThat(seq).isBetween(1L, (long) total));
        long contiguous = 0;
        while (received.contains(contiguous + 1)) {
            contiguous++;
        }
        assertThat(contiguous).isLessThan(total);

        // resync from the history, as a client does after a gap: exactly the rest, the acknowledged messages
        List<JsonNode> rest = system.historyAfter(slowDevice, group, contiguous, (int) (total - contiguous), PATIENCE);
        assertThat(dialogSeqs(rest)).containsExactlyElementsOf(range(contiguous + 1, total));
        assertThat(rest).allSatisfy(message -> assertThat(message.get("messageId").asString())
                .isEqualTo(checker.messageId(group, message.get("dialogSeq").asLong())));

        // and by resume: the rest once, in order, paced (no new hole), numbered on from the last frame
        int mark = slow.frames().size();
        long lastSessionSeq = sessionSeqs.get(sessionSeqs.size() - 1);
        slow.send("{\"type\":\"resume\",\"dialogs\":{\"" + group + "\":" + contiguous + "}}");
        slow.await("message", received.size() + (int) (total - contiguous), PATIENCE);
        awaitPong(slow);
        List<JsonNode> afterResume = slow.frames().subList(mark, slow.frames().size());
        List<JsonNode> resumed = afterResume.stream().filter(frame -> frame.get("type").asString().equals("message"))
                .toList();
        assertThat(dialogSeqs(resumed)).containsExactlyElementsOf(range(contiguous + 1, total));
        assertThat(resumed).allSatisfy(message -> assertThat(message.get("messageId").asString())
                .isEqualTo(checker.messageId(group, message.get("dialogSeq").asLong())));
        assertThat(afterResume).noneMatch(frame -> frame.get("type").asString().equals("gap"));
        for (int i = 0; i < afterResume.size(); i++) {
            assertThat(afterResume.get(i).get("sessionSeq").asLong()).isEqualTo(lastSessionSeq + 1 + i);
        }
        assertThat(system.notificationMetric(operator, overflowsMetric)).isGreaterThan(overflowsBefore);
        slow.close();
        steady.close();
    }

    /** A barrier that survives a dropped pong: pings until one is answered. */
    private static void awaitPong(DeviceSocket socket) {
        int pongs = socket.frames("pong").size();
        Api.await(socket + " answers a ping", PATIENCE, () -> {
            socket.send("{\"type\":\"ping\"}");
            Api.pause(1000);
            return socket.frames("pong").size();
        }, count -> count > pongs);
    }

    private static List<Long> dialogSeqs(List<JsonNode> messages) {
        return messages.stream().map(message -> message.get("dialogSeq").asLong()).toList();
    }

    private static List<Long> range(long first, long last) {
        return java.util.stream.LongStream.rangeClosed(first, last).boxed().toList();
    }

    /**
     * Scale mode: a second notification node joins and takes part of the deliveries partitions; tickets asked through
     * the gateway name the node that owns each user (the second node's own URL for its users), and both nodes deliver
     * every message to their users' devices, once and in order. Then the second node is killed ({@code kill -9})
     * in the middle of a burst of sends: the first node takes its partitions over (after the failover timeout), its
     * users' devices reconnect through the gateway and resume from what they held, and every device ends with every
     * acknowledged message once and in order across its sessions.
     */
    @Test
    void aSecondNodeTakesPartOfTheUsersAndWhenKilledMidFanOutItsUsersResumeOnTheFirstWithNothingLost()
            throws Exception {
        String gatewayWs = system.gateway.baseUrl().replace("http://", "ws://") + "/ws";
        List<Login> devices = new ArrayList<>();
        devices.add(system.login(system.register(), "phone"));
        ServiceProcess second = system.startSecondNotificationNode();
        try {
            String secondWs = second.baseUrl().replace("http://", "ws://") + "/ws";
            // users land on partitions by their id: add users until both nodes own one (once the second registered)
            Set<String> urls = ticketUrls(devices);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!urls.equals(Set.of(gatewayWs, secondWs)) && System.nanoTime() < deadline) {
                if (devices.size() < 30) {
                    devices.add(system.login(system.register(), "phone"));
                } else {
                    Thread.sleep(500);
                }
                urls = ticketUrls(devices);
            }
            assertThat(urls).as("tickets through the gateway name both nodes").containsExactlyInAnyOrder(gatewayWs,
                    secondWs);

            String group = system.createGroup(devices.get(0), devices.subList(1, devices.size()).stream()
                    .map(Login::account).toArray(Account[]::new));
            Map<Login, List<DeviceSocket>> sessions = new LinkedHashMap<>();
            Set<Login> onSecond = new HashSet<>();
            for (Login device : devices) {
                DeviceSocket socket = system.connectWherever(device);
                sessions.put(device, new ArrayList<>(List.of(socket)));
                if (socket.url().startsWith(secondWs)) {
                    onSecond.add(device);
                }
            }
            assertThat(onSecond).as("devices on each node").isNotEmpty().hasSizeLessThan(devices.size());
            DeliveryChecker checker = new DeliveryChecker();
            for (int k = 0; k < 6; k++) {
                Login sender = devices.get(k % devices.size());
                checker.acknowledged(sender.userId(), group, system.send(sender, group, "two-nodes-" + k));
            }
            assertEveryDeviceHasEverything(checker, group, sessions);

            // the kill lands while the burst's messages are being fanned out to the second node's sessions
            for (int k = 0; k < 16; k++) {
                Login sender = devices.get(k % devices.size());
                checker.acknowledged(sender.userId(), group, system.send(sender, group, "burst-" + k));
                if (k == 7) {
                    second.kill();
                }
            }
            for (Login device : onSecond) {
                DeviceSocket dead = sessions.get(device).get(0);
                Api.await(device.account().username() + "'s session on the killed node ended", PATIENCE,
                        () -> !dead.isOpen(), Boolean::booleanValue);
                sessions.get(device).add(reconnect(device, DeliveryChecker.held(sessions.get(device))));
            }
            for (int k = 0; k < 4; k++) {
                Login sender = devices.get(k % devices.size());
                checker.acknowledged(sender.userId(), group, system.send(sender, group, "after-" + k));
            }
            assertEveryDeviceHasEverything(checker, group, sessions);
            sessions.values().forEach(list -> list.forEach(DeviceSocket::close));
        } finally {
            second.close();
        }
        // the first node owns every partition: the other tests expect the gateway's URL
        Api.await("tickets name the gateway again", Duration.ofSeconds(90), () -> ticketUrls(devices),
                urls -> urls.equals(Set.of(gatewayWs)));
    }

    private static void assertEveryDeviceHasEverything(DeliveryChecker checker, String group,
                                                       Map<Login, List<DeviceSocket>> sessions) {
        checker.assertAcknowledgedSequences();
        for (Map.Entry<Login, List<DeviceSocket>> entry : sessions.entrySet()) {
            List<DeviceSocket> deviceSessions = entry.getValue();
            Api.await(entry.getKey().account().username() + " has every message", PATIENCE,
                    () -> checker.hasAll(Set.of(group), deviceSessions), Boolean::booleanValue);
            deviceSessions.get(deviceSessions.size() - 1).sync(PATIENCE);
            checker.assertDevice(entry.getKey().deviceId(), Set.of(group), deviceSessions);
        }
    }

    /**
     * A device whose node died asks for tickets through the gateway until one names a node that takes the socket
     * (the dead node stays named until the survivor took its partitions over), then resumes from what it holds.
     */
    private static DeviceSocket reconnect(Login device, Map<String, Long> holds) {
        return Api.await(device.account().username() + " reconnected to a live node", PATIENCE, () -> {
            try {
                return system.connectWherever(device, holds);
            } catch (Exception refused) {
                Api.pause(250);
                return null;
            }
        }, socket -> socket != null);
    }

    /** The URLs the tickets of these devices name (asked through the gateway). */
    private static Set<String> ticketUrls(List<Login> devices) {
        Set<String> urls = new HashSet<>();
        for (Login device : devices) {
            urls.add(Api.json(system.ticket(device.accessToken()), 201).get("url").asString());
        }
        return urls;
    }

    /**
     * Revoking a device through user-client's public API closes its session (4401), makes UAA refuse its refresh
     * token, and leaves the user's other device connected and receiving. Its still-valid access token still gets a
     * ticket, but the session it opens is closed at once: user-client refuses to register a revoked device.
     */
    @Test
    void revokingADeviceClosesItsSessionRefusesItsRefreshTokenAndLeavesTheOtherDeviceConnected() throws Exception {
        Account rita = system.register();
        Account quinn = system.register();
        Login phone = system.login(rita, "rita-phone");
        Login laptop = system.login(rita, "rita-laptop");
        Login quinnPhone = system.login(quinn, "quinn-phone");
        String dialog = system.createDirect(quinnPhone, rita);
        DeviceSocket phoneSocket = system.connect(phone, Map.of());
        DeviceSocket laptopSocket = system.connect(laptop, Map.of());
        Api.json(system.call("GET", "/api/v1/clients", phone.accessToken(), null), 200);
        JsonNode listed = Api.json(system.call("GET", "/api/v1/clients", laptop.accessToken(), null), 200);
        assertThat(listed.findValuesAsString("deviceId")).contains("rita-phone", "rita-laptop");

        assertThat(system.call("DELETE", "/api/v1/clients/rita-phone", laptop.accessToken(), null).statusCode())
                .isEqualTo(204);

        assertThat(phoneSocket.awaitClosed(PATIENCE)).as("the revoked device's session is closed as revoked")
                .isEqualTo(4401);
        assertThat(phoneSocket.closeReason()).isEqualTo("revoked");
        JsonNode after = system.send(quinnPhone, dialog, "after the revocation");
        laptopSocket.await("message", 1, PATIENCE);
        assertThat(laptopSocket.messages().get(0).get("messageId").asString())
                .isEqualTo(after.get("messageId").asString());
        assertThat(laptopSocket.isOpen()).as("the other device stays connected").isTrue();

        // UAA learns of the revocation from user-client's event; a rotation that raced it fails at its next use
        AtomicReference<String> refreshToken = new AtomicReference<>(phone.refreshToken());
        HttpResponse<String> refused = Api.await("UAA refuses the revoked device's refresh token", PATIENCE, () -> {
            HttpResponse<String> answer = system.refresh(refreshToken.get());
            if (answer.statusCode() == 200) {
                refreshToken.set(Api.JSON.readTree(answer.body()).get("refreshToken").asString());
            }
            return answer;
        }, answer -> answer.statusCode() != 200);
        Api.assertProblem(refused, 401, "UNAUTHENTICATED");
        Api.json(system.refresh(laptop.refreshToken()), 200);

        DeviceSocket again = system.open(phone, phone.accessToken());
        assertThat(again.awaitClosed(PATIENCE)).as("a new session of the revoked device is refused (4401)")
                .isEqualTo(4401);
        assertThat(again.messages()).isEmpty();
        JsonNode devices = Api.json(system.call("GET", "/api/v1/clients", laptop.accessToken(), null), 200);
        for (JsonNode device : devices) {
            assertThat(device.get("revoked").asBoolean()).as(device.toString())
                    .isEqualTo(device.get("deviceId").asString().equals("rita-phone"));
        }
        laptopSocket.close();
    }

    /**
     * A peer who shares a dialog and subscribed sees the user come online (after user-client's debounce) and go
     * offline with a last-seen time when the last socket closes; a stranger who subscribed sees nothing; the pull
     * API through the gateway agrees with both.
     */
    @Test
    void presenceReachesSubscribedPeersWhoShareADialogAndNobodyElse() throws Exception {
        Account carol = system.register();
        Account dave = system.register();
        Account erin = system.register();
        Login carolPhone = system.login(carol, "carol-phone");
        Login davePhone = system.login(dave, "dave-phone");
        Login erinPhone = system.login(erin, "erin-phone");
        system.createDirect(carolPhone, dave);
        String presenceOfDave = "/api/v1/presence?userIds=" + dave.userId();
        JsonNode before = Api.await("user-client knows carol and dave share a dialog", PATIENCE,
                () -> Api.json(system.call("GET", presenceOfDave, carolPhone.accessToken(), null), 200),
                answer -> answer.size() == 1);
        assertThat(before.get(0).get("online").asBoolean()).isFalse();

        DeviceSocket carolSocket = system.connect(carolPhone, Map.of());
        DeviceSocket erinSocket = system.connect(erinPhone, Map.of());
        for (DeviceSocket subscriber : List.of(carolSocket, erinSocket)) {
            subscriber.send("{\"type\":\"presence.subscribe\",\"userIds\":[\"" + dave.userId() + "\"]}");
            subscriber.sync(PATIENCE);
        }

        DeviceSocket daveSocket = system.connect(davePhone, Map.of());
        JsonNode online = carolSocket.await("presence", 1, PATIENCE).get(0);
        assertThat(online.get("userId").asString()).isEqualTo(dave.userId().toString());
        assertThat(online.get("online").asBoolean()).isTrue();
        Api.await("the pull API says dave is online", PATIENCE,
                () -> Api.json(system.call("GET", presenceOfDave, carolPhone.accessToken(), null), 200),
                answer -> answer.get(0).get("online").asBoolean());

        daveSocket.close();
        JsonNode offline = carolSocket.await("presence", 2, PATIENCE).get(1);
        assertThat(offline.get("userId").asString()).isEqualTo(dave.userId().toString());
        assertThat(offline.get("online").asBoolean()).isFalse();
        Instant lastSeen = Instant.parse(offline.get("lastSeenAt").asString());
        JsonNode pulled = Api.await("the pull API says dave is offline", PATIENCE,
                () -> Api.json(system.call("GET", presenceOfDave, carolPhone.accessToken(), null), 200),
                answer -> !answer.get(0).get("online").asBoolean()).get(0);
        assertThat(Instant.parse(pulled.get("lastSeenAt").asString())).as("pulled and pushed presence agree")
                .isEqualTo(lastSeen);

        // the node handles a presence change for all subscribed sessions at once: a ping to erin now comes back
        // after any presence frame she could have been sent
        erinSocket.sync(PATIENCE);
        assertThat(erinSocket.frames("presence")).as("a stranger learns nothing of dave's presence").isEmpty();
        assertThat(Api.json(system.call("GET", presenceOfDave, erinPhone.accessToken(), null), 200))
                .as("nor through the pull API").isEmpty();
        assertThat(carolSocket.frames("presence")).hasSize(2);
        carolSocket.close();
        erinSocket.close();
    }

    /**
     * The recipient reads and acknowledges over the WebSocket; the sender's devices get read and delivered
     * watermarks that only move forward (a lower read or ack changes nothing), and the inbox agrees.
     */
    @Test
    void readAndDeliveredReceiptsReachTheSenderAsWatermarksThatNeverMoveBack() throws Exception {
        Account sam = system.register();
        Account rob = system.register();
        Login samPhone = system.login(sam, "sam-phone");
        Login samLaptop = system.login(sam, "sam-laptop");
        Login robPhone = system.login(rob, "rob-phone");
        String dialog = system.createDirect(samPhone, rob);
        List<DeviceSocket> samSockets = List.of(system.connect(samPhone, Map.of()), system.connect(samLaptop, Map.of()));
        DeviceSocket robSocket = system.connect(robPhone, Map.of());
        for (int i = 1; i <= 3; i++) {
            system.send(samPhone, dialog, "receipt-" + i);
        }
        robSocket.await("message", 3, PATIENCE);
        JsonNode unread = Api.await("rob's inbox shows 3 unread", PATIENCE,
                () -> system.inboxEntry(robPhone, dialog),
                entry -> entry != null && entry.get("lastDialogSeq").asLong() == 3);
        assertThat(unread.get("unreadCount").asLong()).isEqualTo(3);
        assertThat(unread.get("readSeq").asLong()).isZero();

        robSocket.send(readFrame("read", dialog, 2));
        for (DeviceSocket sender : samSockets) {
            awaitReceipt(sender, "read", rob, 2);
        }
        robSocket.send(readFrame("read", dialog, 1)); // backwards: changes nothing
        robSocket.send(readFrame("read", dialog, 3));
        robSocket.send(readFrame("ack", dialog, 3));
        for (DeviceSocket sender : samSockets) {
            awaitReceipt(sender, "read", rob, 3);
            awaitReceipt(sender, "delivered", rob, 3);
        }
        // backwards once 3 is recorded (the node carries a session's acks concurrently, so an earlier lower ack
        // may legitimately land first): the cursor stays at 3 and no lower receipt follows
        robSocket.send(readFrame("ack", dialog, 1));
        system.send(samPhone, dialog, "receipt-4");
        robSocket.await("message", 4, PATIENCE);
        robSocket.send(readFrame("ack", dialog, 4));
        for (DeviceSocket sender : samSockets) {
            awaitReceipt(sender, "delivered", rob, 4);
            assertThat(receipts(sender, "read", rob)).as("%s: rob's read watermarks", sender).containsExactly(2L, 3L);
            assertThat(receipts(sender, "delivered", rob)).as("%s: rob's delivered watermarks", sender)
                    .containsExactly(3L, 4L);
            assertWatermarksOnlyGrow(sender);
            for (JsonNode receipt : sender.frames("receipt")) {
                assertThat(receipt.get("dialogId").asString()).isEqualTo(dialog);
                if (receipt.get("kind").asString().equals("delivered")) {
                    assertThat(receipt.get("deviceId").asString()).isEqualTo("rob-phone");
                }
            }
        }
        JsonNode robsInbox = Api.await("rob's inbox has read up to 3 of 4", PATIENCE,
                () -> system.inboxEntry(robPhone, dialog),
                entry -> entry.get("lastDialogSeq").asLong() == 4 && entry.get("readSeq").asLong() == 3);
        assertThat(robsInbox.get("unreadCount").asLong()).isEqualTo(1);
        JsonNode samsInbox = Api.await("sam's inbox has all 4 (own sends count as read)", PATIENCE,
                () -> system.inboxEntry(samPhone, dialog), entry -> entry.get("lastDialogSeq").asLong() == 4);
        assertThat(samsInbox.get("readSeq").asLong()).isEqualTo(4);
        assertThat(samsInbox.get("unreadCount").asLong()).isZero();
        assertWatermarksOnlyGrow(robSocket);
        samSockets.forEach(DeviceSocket::close);
        robSocket.close();
    }

    /**
     * A typing frame reaches the other members' sessions once per rate interval, and never the typist's own
     * sessions. Barriers instead of waiting: notices to one user are ordered (one partition per user), so a later
     * notice from another dialog, or from another member, arrives after any repeat would have.
     */
    @Test
    void typingReachesTheOtherMembersOnlyOncePerIntervalAndNeverTheTypist() throws Exception {
        Account tess = system.register();
        Account uma = system.register();
        Account vic = system.register();
        Login tessPhone = system.login(tess, "tess-phone");
        Login tessLaptop = system.login(tess, "tess-laptop");
        Login umaPhone = system.login(uma, "uma-phone");
        Login vicPhone = system.login(vic, "vic-phone");
        String group = system.createGroup(tessPhone, uma, vic);
        String direct = system.createDirect(tessPhone, uma);
        DeviceSocket typist = system.connect(tessPhone, Map.of());
        DeviceSocket typistsLaptop = system.connect(tessLaptop, Map.of());
        DeviceSocket umaSocket = system.connect(umaPhone, Map.of());
        DeviceSocket vicSocket = system.connect(vicPhone, Map.of());
        // the node's membership view must know both dialogs: a message in each reaches uma first
        system.send(tessPhone, group, "hello group");
        system.send(tessPhone, direct, "hello uma");
        umaSocket.await("message", 2, PATIENCE);

        typist.send(typingFrame(group));
        typist.send(typingFrame(group)); // within the interval: dropped
        typist.send(typingFrame(direct)); // another dialog: its own interval
        Api.await("uma sees tess typing in the direct dialog", PATIENCE, () -> typing(umaSocket, direct, tess),
                n -> n == 1);
        assertThat(typing(umaSocket, group, tess)).as("one typing notice per interval").isEqualTo(1);
        for (JsonNode notice : umaSocket.frames("typing")) {
            assertThat(notice.get("userId").asString()).isEqualTo(tess.userId().toString());
        }
        Api.await("vic sees tess typing in the group", PATIENCE, () -> typing(vicSocket, group, tess), n -> n == 1);

        umaSocket.send(typingFrame(group));
        for (DeviceSocket own : List.of(typist, typistsLaptop)) {
            Api.await(own + " sees uma typing", PATIENCE, () -> typing(own, group, uma), n -> n == 1);
            assertThat(typing(own, group, tess) + typing(own, direct, tess)).as("%s: never its own typing", own)
                    .isZero();
        }
        Api.await("vic sees uma typing", PATIENCE, () -> typing(vicSocket, group, uma), n -> n == 1);
        assertThat(typing(vicSocket, group, tess)).as("vic: still one notice of tess").isEqualTo(1);
        for (DeviceSocket socket : List.of(typist, typistsLaptop, umaSocket, vicSocket)) {
            socket.close();
        }
    }

    /**
     * A member with a push endpoint and no live session gets a signed POST per message that carries no text; while
     * a session of theirs is live they get the message over it and no push.
     */
    @Test
    void aMemberWithoutALiveSessionGetsASignedPushWithoutTheTextAndNoneWhileConnected() throws Exception {
        Account pia = system.register();
        Account tom = system.register();
        Login piaPhone = system.login(pia, "pia-phone");
        Login tomPhone = system.login(tom, "tom-phone");
        String dialog = system.createDirect(tomPhone, pia);
        try (PushReceiver receiver = new PushReceiver()) {
            JsonNode registration = Api.json(system.call("PUT", "/api/v1/clients/pia-phone/push",
                    piaPhone.accessToken(), "{\"url\":\"" + receiver.url("/hooks/pia-phone") + "\"}"), 200);
            String secret = registration.get("secret").asString();
            assertThat(secret).isNotBlank();

            JsonNode offline = system.send(tomPhone, dialog, "offline secret words");
            PushReceiver.Push first = Api.await("a push for the first message", PATIENCE, receiver::received,
                    pushes -> !pushes.isEmpty()).get(0);
            assertSignedPushOf(first, secret, offline, dialog, tom);
            assertThat(first.body()).as("the push carries no message text").doesNotContain("offline secret words")
                    .doesNotContain("\"text\"").doesNotContain("\"body\"");

            DeviceSocket piaSocket = system.connect(piaPhone, Map.of());
            JsonNode live = system.send(tomPhone, dialog, "while connected");
            Api.await("pia's session gets the live message", PATIENCE, piaSocket::messages,
                    messages -> messages.stream().anyMatch(m -> m.get("messageId").asString()
                            .equals(live.get("messageId").asString())));
            piaSocket.close();

            JsonNode later = system.send(tomPhone, dialog, "offline again");
            List<PushReceiver.Push> pushes = Api.await("a push for the message after the session ended", PATIENCE,
                    receiver::received, list -> list.stream().anyMatch(p -> p.body().contains(
                            "\"" + later.get("messageId").asString() + "\"")));
            assertThat(pushes).as("one push per message while offline, none while connected").hasSize(2);
            assertSignedPushOf(pushes.get(1), secret, later, dialog, tom);
        }
    }

    private static void assertSignedPushOf(PushReceiver.Push push, String secret, JsonNode acknowledged,
                                           String dialog, Account sender) throws Exception {
        assertThat(push.path()).isEqualTo("/hooks/pia-phone");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(
                mac.doFinal((push.timestamp() + "." + push.body()).getBytes(StandardCharsets.UTF_8)));
        assertThat(push.signature()).as("HMAC-SHA256 over timestamp.body with the registration's secret")
                .isEqualTo(expected);
        assertThat(Long.parseLong(push.timestamp())).isCloseTo(Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(300L));
        JsonNode body = Api.JSON.readTree(push.body());
        assertThat(body.get("type").asString()).isEqualTo("message");
        assertThat(body.get("dialogId").asString()).isEqualTo(dialog);
        assertThat(body.get("messageId").asString()).isEqualTo(acknowledged.get("messageId").asString());
        assertThat(body.get("senderId").asString()).isEqualTo(sender.userId().toString());
        assertThat(body.get("dialogSeq").asLong()).isEqualTo(acknowledged.get("dialogSeq").asLong());
    }

    private static String readFrame(String type, String dialog, long upToSeq) {
        return "{\"type\":\"" + type + "\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":" + upToSeq + "}";
    }

    private static String typingFrame(String dialog) {
        return "{\"type\":\"typing\",\"dialogId\":\"" + dialog + "\"}";
    }

    /** Every watermark a session was sent (read per user, delivered per device, per dialog) only grows. */
    private static void assertWatermarksOnlyGrow(DeviceSocket socket) {
        Map<String, List<Long>> byWatermark = new LinkedHashMap<>();
        for (JsonNode receipt : socket.frames("receipt")) {
            String key = receipt.get("dialogId").asString() + "/" + receipt.get("kind").asString() + "/"
                    + receipt.get("userId").asString() + "/"
                    + (receipt.has("deviceId") ? receipt.get("deviceId").asString() : "");
            byWatermark.computeIfAbsent(key, k -> new ArrayList<>()).add(receipt.get("upToSeq").asLong());
        }
        assertThat(byWatermark).as("%s got receipts", socket).isNotEmpty();
        byWatermark.forEach((watermark, seqs) -> assertThat(seqs)
                .as("%s: %s never moves back nor repeats", socket, watermark).isSortedAccordingTo(Long::compare)
                .doesNotHaveDuplicates());
    }

    private static void awaitReceipt(DeviceSocket socket, String kind, Account of, long upToSeq) {
        Api.await(socket + ": " + kind + " receipt of " + of.username() + " up to " + upToSeq, PATIENCE,
                () -> receipts(socket, kind, of), seqs -> seqs.contains(upToSeq));
    }

    /** The watermarks of one kind and user, in arrival order. */
    private static List<Long> receipts(DeviceSocket socket, String kind, Account of) {
        return socket.frames("receipt").stream()
                .filter(r -> r.get("kind").asString().equals(kind))
                .filter(r -> r.get("userId").asString().equals(of.userId().toString()))
                .map(r -> r.get("upToSeq").asLong()).toList();
    }

    private static long typing(DeviceSocket socket, String dialog, Account who) {
        return socket.frames("typing").stream()
                .filter(t -> t.get("dialogId").asString().equals(dialog))
                .filter(t -> t.get("userId").asString().equals(who.userId().toString())).count();
    }
}
