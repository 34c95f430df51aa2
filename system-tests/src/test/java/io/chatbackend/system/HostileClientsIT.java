package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.chatbackend.notification.ticket.TicketSigner;
import io.chatbackend.platform.testing.WsClient;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The attacks of issue 12, each through the real gateway and the real processes, each answered as the issue says,
 * with the state that matters compared before and after. Two clients on one machine are told apart by their
 * source addresses (127.0.0.2 is the attacker, 127.0.0.3 the victim), so a throttle that cannot tell them apart
 * fails here.
 */
@ResourceLock(ChatSystem.SHARED)
class HostileClientsIT {

    /** Values earlier versions shipped in their configuration files. */
    private static final String SHIPPED_TICKET_KEY = "local-dev-notification-ticket-secret-change-me";
    private static final Map<String, String> SHIPPED_CLIENT_SECRETS = Map.of(
            "message-domain", "local-message-domain-secret", "dialog-domain", "local-dialog-domain-secret",
            "notification", "local-notification-secret", "user-client", "local-user-client-secret");

    private static ChatSystem system;
    private final BoundClient attacker = new BoundClient("127.0.0.2");
    private final BoundClient victim = new BoundClient("127.0.0.3");

    @BeforeAll
    static void start() {
        system = ChatSystem.shared();
    }

    /**
     * Blocking through the whole stack (ADR 0024): the blocked user's send in the direct dialog is refused by the
     * participant and answered by the coordinator as to a non-member, a new dialog or a group with the blocker is
     * refused as for a user who does not exist; lifting the block lets the send through.
     */
    @Test
    void aBlockedUserCannotReachTheBlockerAndIsAnsweredAsAStrangerIs() {
        ChatSystem.Account alice = system.register();
        ChatSystem.Account troll = system.register();
        ChatSystem.Login aliceLogin = system.login(alice, "phone");
        ChatSystem.Login trollLogin = system.login(troll, "phone");
        String direct = system.createDirect(trollLogin, alice);
        system.send(trollLogin, direct, "hello");

        assertThat(system.call("PUT", "/api/v1/blocks/" + troll.userId(), aliceLogin.accessToken(), null)
                .statusCode()).isEqualTo(204);
        String send = "{\"clientMessageId\":\"" + UUID.randomUUID() + "\",\"body\":{\"type\":\"text\",\"text\":\"x\"}}";
        Api.assertProblem(system.call("POST", "/api/v1/dialogs/" + direct + "/messages", trollLogin.accessToken(),
                send), 404, "DIALOG_NOT_FOUND");
        Api.assertProblem(system.call("POST", "/api/v1/dialogs/" + UUID.randomUUID() + "/messages",
                trollLogin.accessToken(), send), 404, "DIALOG_NOT_FOUND");
        Api.assertProblem(system.call("POST", "/api/v1/dialogs", trollLogin.accessToken(), "{\"type\":\"group\","
                + "\"title\":\"x\",\"memberIds\":[\"" + alice.userId() + "\"]}"), 400, "VALIDATION_FAILED");
        system.send(aliceLogin, direct, "the blocker still writes");

        assertThat(system.call("DELETE", "/api/v1/blocks/" + troll.userId(), aliceLogin.accessToken(), null)
                .statusCode()).isEqualTo(204);
        system.send(trollLogin, direct, "let through again");
    }

    @Test
    void aTicketForgedWithTheShippedKeyOpensNoSession() throws Exception {
        ChatSystem.Account alice = system.register();
        ChatSystem.Login mallory = system.login(system.register(), "laptop");
        // a real ticket of mallory's, re-signed for alice with the key that used to ship: only the key differs
        String real = Api.json(system.ticket(mallory.accessToken()), 201).get("ticket").asString();
        String[] claims = new String(Base64.getUrlDecoder().decode(real.substring(0, real.indexOf('.'))),
                StandardCharsets.UTF_8).split("\\.", -1);
        String nodeId = new String(Base64.getUrlDecoder().decode(claims[5]), StandardCharsets.UTF_8);
        String forged = new TicketSigner(SHIPPED_TICKET_KEY, Duration.ofSeconds(30), Clock.systemUTC())
                .issue(alice.userId(), "laptop", nodeId).token();

        WsClient socket = null;
        try {
            socket = WsClient.connect(system.gateway.baseUrl().replace("http://", "ws://") + "/ws?ticket=" + forged,
                    false);
            WsClient opened = socket;
            Api.await("the forged session to be closed", Duration.ofSeconds(10), opened::isClosed, closed -> closed);
            assertThat(opened.frames("welcome")).isEmpty();
        } catch (Exception refusedAtUpgrade) {
            assertThat(socket).isNull(); // refused before the upgrade: no session at all
        } finally {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    @Test
    void theShippedServiceSecretsMintNoToken() {
        SHIPPED_CLIENT_SECRETS.forEach((client, secret) -> {
            String basic = Base64.getEncoder().encodeToString((client + ":" + secret)
                    .getBytes(StandardCharsets.UTF_8));
            BoundClient.Answer answer = attacker.call("POST", system.url("/oauth2/token"), Map.of(
                    "Authorization", "Basic " + basic, "Content-Type", "application/x-www-form-urlencoded"),
                    "grant_type=client_credentials&scope=tcc");
            assertThat(answer.status()).as(client + ": " + answer.body()).isEqualTo(401);
            assertThat(answer.body()).as(client).contains("invalid_client");
        });
    }

    @Test
    void aThousandBadLoginsFromOneAddressNeverKeepTheOwnerOutFromAnother() {
        ChatSystem.Account alice = system.register();
        ChatSystem.Account bob = system.register();
        int throttled = 0;
        for (int i = 0; i < 1000; i++) {
            // a forwarding header of the client's choosing changes nothing: the gateway decides the address
            BoundClient.Answer answer = attacker.call("POST", system.url("/api/v1/auth/login"),
                    Map.of("X-Forwarded-For", "198.51.100." + (i % 250), "Forwarded", "for=198.51.100.1"),
                    login(alice.username(), "wrong password " + i));
            assertThat(answer.status()).as(answer.body()).isIn(401, 429);
            throttled += answer.status() == 429 ? 1 : 0;
        }
        assertThat(throttled).as("the attacker's address is locked out of alice").isGreaterThanOrEqualTo(990);
        Api.pause(2_500); // the gateway's own per-address budget (200, refilled at 100/s) slowed the flood as well
        BoundClient.Answer stillLocked = attacker.post(system.url("/api/v1/auth/login"),
                login(alice.username(), ChatSystem.PASSWORD));
        assertThat(stillLocked.status()).isEqualTo(429);
        assertThat(stillLocked.code()).isEqualTo("LOGIN_THROTTLED");
        assertThat(stillLocked.headers().get("Retry-After")).isNotBlank();

        long begin = System.nanoTime();
        BoundClient.Answer owner = victim.post(system.url("/api/v1/auth/login"),
                login(alice.username(), ChatSystem.PASSWORD));
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
        // nobody else is affected, not even other accounts from the attacker's address
        assertThat(victim.post(system.url("/api/v1/auth/login"), login(bob.username(), ChatSystem.PASSWORD))
                .status()).isEqualTo(200);
        assertThat(attacker.post(system.url("/api/v1/auth/login"), login(bob.username(), ChatSystem.PASSWORD))
                .status()).isEqualTo(200);
    }

    @Test
    void aForwardedAddressSentStraightToUaaIsNotBelieved() {
        ChatSystem.Account carol = system.register();
        // the attacker goes around the gateway and claims to be the victim's address
        for (int i = 0; i < 10; i++) {
            BoundClient.Answer answer = attacker.call("POST", system.uaa.baseUrl() + "/api/v1/auth/login",
                    Map.of("X-Forwarded-For", "127.0.0.3"), login(carol.username(), "wrong password " + i));
            assertThat(answer.status()).isIn(401, 429);
        }
        assertThat(victim.post(system.url("/api/v1/auth/login"), login(carol.username(), ChatSystem.PASSWORD))
                .status()).isEqualTo(200);
        assertThat(attacker.post(system.url("/api/v1/auth/login"), login(carol.username(), ChatSystem.PASSWORD))
                .status()).as("the attacker's own address is the one locked out").isEqualTo(429);
    }

    @Test
    void theHtmlLoginFormSharesTheThrottle() throws Exception {
        ChatSystem.Account dave = system.register();
        for (int i = 0; i < 5; i++) {
            system.call("POST", "/api/v1/auth/login", null, login(dave.username(), "wrong password " + i));
        }
        // five failures through the JSON login lock this address (the tests' 127.0.0.1) out of dave in the form too
        Browser browser = new Browser();
        browser.startAuthorization();
        HttpResponse<String> form = browser.submitLogin(dave.username(), ChatSystem.PASSWORD);
        assertThat(form.statusCode()).isEqualTo(429);
        assertThat(form.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void anIdTokenIsNoAccessToken() throws Exception {
        ChatSystem.Account erin = system.register();
        Browser browser = new Browser();
        browser.startAuthorization();
        HttpResponse<String> loggedIn = browser.submitLogin(erin.username(), ChatSystem.PASSWORD);
        assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
        JsonNode tokens = browser.exchangeCode(browser.followToCode(loggedIn));

        assertThat(system.call("GET", "/api/v1/dialogs", tokens.get("access_token").asString(), null).statusCode())
                .isEqualTo(200);
        HttpResponse<String> withIdToken = system.call("GET", "/api/v1/dialogs", tokens.get("id_token").asString(),
                null);
        Api.assertProblem(withIdToken, 401, "UNAUTHENTICATED");
    }

    @Test
    void longPasswordsAreAcceptedWhole() {
        String first72 = "p".repeat(72);
        String name = "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
        BoundClient.Answer registered = victim.post(system.url("/api/v1/auth/register"),
                "{\"username\":\"" + name + "\",\"password\":\"" + first72 + "-and-then-28-more-characters\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);

        assertThat(victim.post(system.url("/api/v1/auth/login"), login(name, first72 + "-and-then-28-more-characters"))
                .status()).isEqualTo(200);
        BoundClient.Answer sameFirst72 = victim.post(system.url("/api/v1/auth/login"),
                login(name, first72 + "-but-a-different-ending-xx"));
        assertThat(sameFirst72.status()).isEqualTo(401);
        assertThat(sameFirst72.code()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void aFloodOfRefusedTokensIsRateLimitedPerAddress() {
        ChatSystem.Login frank = system.login(system.register(), "phone");
        // hundreds at once, as a flood comes: each names a key id UAA never published
        List<BoundClient.Answer> answers = Flux.range(0, 300)
                .flatMap(i -> Mono.fromCallable(() -> attacker.call("GET", system.url("/api/v1/dialogs"),
                        Map.of("Authorization", "Bearer " + forgedToken("kid-" + i)), null))
                        .subscribeOn(Schedulers.boundedElastic()), 32)
                .collectList().block(Duration.ofSeconds(120));
        assertThat(answers).extracting(BoundClient.Answer::status).containsOnly(401, 429);
        assertThat(answers).filteredOn(answer -> answer.status() == 429).hasSizeGreaterThan(200)
                .allSatisfy(answer -> assertThat(answer.code()).isEqualTo("RATE_LIMITED"));
        // another address with a valid token is served as before
        assertThat(victim.call("GET", system.url("/api/v1/dialogs"),
                Map.of("Authorization", "Bearer " + frank.accessToken()), null).status()).isEqualTo(200);
    }

    @Test
    void extremeSequenceValuesAnswerPromptlyAndChangeNothing() {
        ChatSystem.Login grace = system.login(system.register(), "phone");
        ChatSystem.Account heidi = system.register();
        String dialog = system.createDirect(grace, heidi);
        system.send(grace, dialog, "one");
        String digestBefore = Api.await("the message in the read model", Duration.ofSeconds(30),
                () -> Api.json(system.call("GET", "/api/v1/dialogs/" + dialog + "/digest?fromSeq=1",
                        grace.accessToken(), null), 200), digest -> digest.get("count").asInt() == 1).toString();

        JsonNode page = Api.json(system.call("GET", "/api/v1/dialogs/" + dialog
                + "/messages?afterSeq=9223372036854775807", grace.accessToken(), null), 200);
        assertThat(page.get("items").size()).isZero();
        HttpResponse<String> farBucket = system.call("GET", "/api/v1/dialogs/" + dialog
                + "/digest?fromSeq=2147483647000&toSeq=2147483647000", grace.accessToken(), null);
        assertThat(farBucket.statusCode()).as(farBucket.body()).isLessThan(500);
        for (String query : new String[] {"afterSeq=-9223372036854775808", "beforeSeq=0",
                "afterSeq=99999999999999999999", "limit=-1"}) {
            HttpResponse<String> answer = system.call("GET", "/api/v1/dialogs/" + dialog + "/messages?" + query,
                    grace.accessToken(), null);
            assertThat(answer.statusCode()).as(query + " " + answer.body()).isIn(200, 400);
        }
        HttpResponse<String> readBeyond = system.call("POST", "/api/v1/dialogs/" + dialog + "/read",
                grace.accessToken(), "{\"upToSeq\":9223372036854775807}");
        Api.assertProblem(readBeyond, 409, "WATERMARK_OUT_OF_RANGE");

        assertThat(Api.json(system.call("GET", "/api/v1/dialogs/" + dialog + "/digest?fromSeq=1",
                grace.accessToken(), null), 200).toString()).isEqualTo(digestBefore);
    }

    @Test
    void aRevokedDeviceIdNeverRefreshesAgain() {
        ChatSystem.Account ivan = system.register();
        ChatSystem.Login tablet = system.login(ivan, "tablet");
        ChatSystem.Login phone = system.login(ivan, "phone");
        // each device is known to user-client from its first call
        assertThat(system.call("GET", "/api/v1/clients", tablet.accessToken(), null).statusCode()).isEqualTo(200);
        assertThat(system.call("DELETE", "/api/v1/clients/tablet", phone.accessToken(), null).statusCode())
                .isIn(200, 204);
        // log in again with the same device id, as the attack does, until UAA has learnt of the revocation
        HttpResponse<String> again = Api.await("UAA to refuse the revoked device id", Duration.ofSeconds(30),
                () -> system.call("POST", "/api/v1/auth/login", null, login(ivan.username(), ChatSystem.PASSWORD)
                        .replace("\"d1\"", "\"tablet\"")),
                answer -> answer.statusCode() != 200);
        Api.assertProblem(again, 409, "CLIENT_REVOKED");
        // revoke again (nothing left to revoke), then refresh: refused, for the first login's token too
        assertThat(system.call("DELETE", "/api/v1/clients/tablet", phone.accessToken(), null).statusCode())
                .isLessThan(500);
        Api.assertProblem(system.refresh(tablet.refreshToken()), 401, "UNAUTHENTICATED");
        assertThat(system.refresh(phone.refreshToken()).statusCode()).as("the other device").isEqualTo(200);
    }

    @Test
    void aWebSocketClientsOwnFramesAreBoundedThroughTheGateway() throws Exception {
        ChatSystem.Login judy = system.login(system.register(), "phone");
        // an oversized frame: close 1009 (the gateway passes the node's close on)
        try (DeviceSocket socket = system.open(judy, judy.accessToken())) {
            socket.await("welcome", 1, Duration.ofSeconds(30));
            socket.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(17 * 1024) + "\"}");
            Api.await("the oversized frame to close the session", Duration.ofSeconds(30), socket::closeStatus,
                    status -> status != DeviceSocket.OPEN);
            assertThat(socket.closeStatus()).isIn(1009, DeviceSocket.ABORTED);
        }
        // a flood: one error frame RATE_LIMITED, then close 1008
        try (DeviceSocket socket = system.open(judy, judy.accessToken())) {
            socket.await("welcome", 1, Duration.ofSeconds(30));
            for (int i = 0; i < 200 && socket.closeStatus() == DeviceSocket.OPEN; i++) {
                try {
                    socket.send("{\"type\":\"ping\"}");
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            Api.await("the flood to close the session", Duration.ofSeconds(30), socket::closeStatus,
                    status -> status != DeviceSocket.OPEN);
            assertThat(socket.closeStatus()).isEqualTo(1008);
            assertThat(socket.frames("error")).extracting(frame -> frame.get("code").asString())
                    .containsExactly("RATE_LIMITED");
        }
    }

    @Test
    void anAckBeyondTheLastMessageMovesNoReceipt() throws Exception {
        ChatSystem.Login kim = system.login(system.register(), "phone");
        ChatSystem.Login leo = system.login(system.register(), "phone");
        String dialog = system.createDirect(kim, leo.account());
        system.send(kim, dialog, "one");
        try (DeviceSocket kimSocket = system.connectWherever(kim);
             DeviceSocket leoSocket = system.connectWherever(leo)) {
            leoSocket.await("message", 1, Duration.ofSeconds(30));
            leoSocket.send("{\"type\":\"ack\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":1000000}");
            JsonNode error = leoSocket.await("error", 1, Duration.ofSeconds(30)).get(0);
            assertThat(error.get("code").asString()).isEqualTo("WATERMARK_OUT_OF_RANGE");
            // the refused ack moved nothing: the sender's devices hear of no receipt beyond what exists
            Api.pause(1_000);
            assertThat(kimSocket.frames("receipt")).allSatisfy(receipt ->
                    assertThat(receipt.get("upToSeq").asLong()).isLessThanOrEqualTo(1));
        }
    }

    @Test
    void aMemberAddedLaterCannotReadEarlierMessagesById() {
        ChatSystem.Login owner = system.login(system.register(), "phone");
        ChatSystem.Login late = system.login(system.register(), "phone");
        String group = system.createGroup(owner, system.register());
        String before = system.send(owner, group, "before you came").get("messageId").asString();
        Api.json(system.call("POST", "/api/v1/dialogs/" + group + "/members", owner.accessToken(),
                "{\"userIds\":[\"" + late.userId() + "\"]}"), 200);
        String after = system.send(owner, group, "welcome").get("messageId").asString();

        Api.await("the later message readable by the new member", Duration.ofSeconds(30),
                () -> system.call("GET", "/api/v1/messages/" + after, late.accessToken(), null),
                answer -> answer.statusCode() == 200);
        Api.assertProblem(system.call("GET", "/api/v1/messages/" + before, late.accessToken(), null), 404,
                "MESSAGE_NOT_FOUND");
        assertThat(system.call("GET", "/api/v1/messages/" + before, owner.accessToken(), null).statusCode())
                .as("the sender still reads it").isEqualTo(200);
    }

    @Test
    void extremeSequenceValuesInWebSocketFramesGetAnErrorFrameAndTheSessionLives() throws Exception {
        ChatSystem.Login mia = system.login(system.register(), "phone");
        ChatSystem.Account ned = system.register();
        String dialog = system.createDirect(mia, ned);
        try (DeviceSocket socket = system.open(mia, mia.accessToken())) {
            socket.await("welcome", 1, Duration.ofSeconds(30));
            String[] frames = {
                    "{\"type\":\"resume\",\"dialogs\":{\"" + dialog + "\":9223372036854775807}}",
                    "{\"type\":\"resume\",\"dialogs\":{\"" + dialog + "\":-1}}",
                    "{\"type\":\"read\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":-9223372036854775808}",
                    "{\"type\":\"ack\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":99999999999999999999}",
                    "{\"type\":\"typing\",\"dialogId\":\"not-a-dialog\"}",
                    "not json at all"};
            for (String frame : frames) {
                socket.send(frame);
                Api.pause(100); // well under the frame rate limit
            }
            socket.await("error", frames.length, Duration.ofSeconds(30));
            socket.send("{\"type\":\"ping\"}");
            socket.await("pong", 1, Duration.ofSeconds(30));
            assertThat(socket.closeStatus()).as("the session lives on").isEqualTo(DeviceSocket.OPEN);
        }
    }

    private static String login(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\",\"deviceId\":\"d1\"}";
    }

    /** A well-formed RS256 token signed by nobody UAA knows, naming a key id UAA never published. */
    private static String forgedToken(String keyId) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString(("{\"alg\":\"RS256\",\"kid\":\"" + keyId + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"sub\":\"" + UUID.randomUUID() + "\",\"aud\":\"chat-api\"}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + b64.encodeToString(new byte[256]);
    }

    /** A browser's authorization code flow with PKCE through the gateway: UAA's login page, cookies, redirects. */
    private static final class Browser {

        /** The web client the gateway serves at its root is the registered redirect. */
        private final String redirect = system.url("/");
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();

        void startAuthorization() throws Exception {
            String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                    .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
            HttpResponse<String> authorize = get(system.url("/oauth2/authorize?response_type=code&client_id=chat-web"
                    + "&scope=openid&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                    + "&code_challenge_method=S256&code_challenge=" + challenge));
            assertThat(authorize.statusCode()).as(authorize.body()).isEqualTo(302);
        }

        HttpResponse<String> submitLogin(String username, String password) throws Exception {
            HttpResponse<String> page = get(system.url("/login"));
            assertThat(page.statusCode()).isEqualTo(200);
            Matcher csrf = CSRF.matcher(page.body());
            assertThat(csrf.find()).as(page.body()).isTrue();
            String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                    + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            return http.send(HttpRequest.newBuilder(URI.create(system.url("/login")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Follows the redirects after the login until the client's redirect URI, and answers its code. */
        String followToCode(HttpResponse<String> response) throws Exception {
            HttpResponse<String> current = response;
            for (int hop = 0; hop < 5; hop++) {
                String location = current.headers().firstValue("Location").orElseThrow();
                if (location.startsWith(redirect + "?")) {
                    Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
                    assertThat(code.find()).as(location).isTrue();
                    return java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8);
                }
                current = get(location.startsWith("http") ? location : system.url(location));
                assertThat(current.statusCode()).as(location + " " + current.body()).isEqualTo(302);
            }
            throw new AssertionError("no authorization code after 5 redirects");
        }

        JsonNode exchangeCode(String code) throws Exception {
            String form = "grant_type=authorization_code&client_id=chat-web&code="
                    + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&redirect_uri="
                    + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&code_verifier=" + verifier;
            HttpResponse<String> tokens = http.send(HttpRequest.newBuilder(URI.create(system.url("/oauth2/token")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            return Api.json(tokens, 200);
        }

        private HttpResponse<String> get(String url) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
