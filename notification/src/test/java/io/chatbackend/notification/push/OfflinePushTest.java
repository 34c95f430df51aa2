package io.chatbackend.notification.push;

import com.sun.net.httpserver.HttpServer;
import io.chatbackend.notification.delivery.MessageDelivery;
import io.chatbackend.platform.web.outbound.OutboundUrlPolicy;
import io.chatbackend.userclient.contract.PushEndpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send-time SSRF check of offline push: where a push URL points is checked again right before each attempt
 * (DNS may have changed since user-client accepted it), with a table resolver standing in for DNS. Refused pushes
 * never open a connection and are counted failed; with private networks allowed the push goes out signed.
 */
class OfflinePushTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Counter sent = meters.counter("sent");
    private final Counter failed = meters.counter("failed");
    /** Host → addresses, changeable during a test (a rebinding DNS). */
    private final Map<String, String> dns = new ConcurrentHashMap<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : closing) {
            closeable.close();
        }
    }

    @Test
    void aHostThatNowResolvesToAnInternalAddressIsNotCalledAndCountsAsFailed() throws Exception {
        ServerSocket internal = listen();
        // as if accepted by user-client while it pointed to a public address and rebound to loopback since; the
        // real resolver answers localhost with loopback too, so a missed check would connect to the socket
        dns.put("localhost", "127.0.0.1");
        OfflinePush push = push(false, new PushEndpoint("phone", "https://localhost:" + internal.getLocalPort()
                + "/hook", "secret-never-logged"));

        push.push(delivery());

        await(() -> failed.count() == 1);
        assertThat(sent.count()).isZero();
        assertThat(lookups.get()).as("a refusal is not retried").isEqualTo(1);
        assertThat(accepted(internal)).as("no connection was opened").isFalse();
    }

    @Test
    void metadataAndPrivateAddressesAndPlainHttpAreRefusedAtSendTime() throws Exception {
        dns.put("internal.example", "10.0.0.7");
        OfflinePush push = push(false,
                new PushEndpoint("a", "https://169.254.169.254/latest/meta-data/", "s1"),
                new PushEndpoint("b", "https://internal.example/hook", "s2"),
                new PushEndpoint("c", "https://[::ffff:127.0.0.1]/hook", "s3"),
                new PushEndpoint("d", "http://203.0.113.10/hook", "s4"));

        push.push(delivery());

        await(() -> failed.count() == 4);
        assertThat(sent.count()).isZero();
    }

    @Test
    void aHostThatDoesNotResolveIsTriedAgainLikeAnErrorThenGivenUp() throws Exception {
        OfflinePush push = push(false, new PushEndpoint("phone", "https://gone.example/hook", "s"));

        push.push(delivery());

        await(() -> failed.count() == 1);
        assertThat(lookups.get()).as("every attempt looks the host up again").isEqualTo(3);
    }

    @Test
    void withPrivateNetworksAllowedTheLocalReceiverGetsTheSignedPush() throws Exception {
        List<String> signatures = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes());
            String timestamp = exchange.getRequestHeaders().getFirst("X-Chat-Timestamp");
            signatures.add(exchange.getRequestHeaders().getFirst("X-Chat-Signature") + " " + timestamp + " " + body);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        closing.add(() -> receiver.stop(0));
        OfflinePush push = push(true, new PushEndpoint("phone",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "local-secret"));

        push.push(delivery());

        await(() -> sent.count() == 1);
        assertThat(failed.count()).isZero();
        String[] call = signatures.get(0).split(" ", 3);
        assertThat(call[0]).isEqualTo("sha256=" + OfflinePush.sign("local-secret", call[1] + "." + call[2]));
    }

    private OfflinePush push(boolean allowPrivateNetworks, PushEndpoint... endpoints) {
        OutboundUrlPolicy policy = new OutboundUrlPolicy(allowPrivateNetworks, this::resolve);
        OfflinePush push = new OfflinePush(user -> Mono.just(List.of(endpoints)), policy,
                new OfflinePush.Settings(3, Duration.ofMillis(10), 16, Duration.ofMinutes(10)), sent, failed,
                Clock.systemUTC());
        closing.add(push::close);
        return push;
    }

    private InetAddress[] resolve(String host) throws UnknownHostException {
        lookups.incrementAndGet();
        String answer = dns.get(host);
        if (answer != null) {
            return new InetAddress[] {InetAddress.getByName(answer)};
        }
        if (host.matches("[0-9.]+|.*:.*")) {
            return new InetAddress[] {InetAddress.getByName(host)}; // a literal: no lookup
        }
        throw new UnknownHostException(host);
    }

    private static MessageDelivery delivery() {
        return new MessageDelivery(UUID.randomUUID(), "123", UUID.randomUUID(), UUID.randomUUID(), 1, 1,
                new MessageDelivery.Body("text", "hello"), Instant.now());
    }

    private ServerSocket listen() throws IOException {
        ServerSocket socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(1);
        closing.add(socket);
        return socket;
    }

    /** Whether anyone connected (the backlog holds a connection made before this call). */
    private static boolean accepted(ServerSocket socket) throws IOException {
        try (Socket ignored = socket.accept()) {
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + DEADLINE);
            }
            Thread.sleep(10);
        }
    }
}
