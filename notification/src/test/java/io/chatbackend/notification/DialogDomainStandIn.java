package io.chatbackend.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for another process's API: dialog-domain's three delivery endpoints (members, a user's dialogs,
 * history as a member sees it), over real HTTP, with state the test sets. Also the test's record of each dialog's
 * write side: {@link #append} assigns the sequences a Confirm would. A message may be kept out of history for a
 * while ({@code inHistory=false}), as when dialog-domain's read model lags behind the message's event.
 */
final class DialogDomainStandIn implements AutoCloseable {

    private static final AtomicLong MESSAGE_IDS = new AtomicLong(7_301_450_342_400_000_000L);

    private final HttpServer server;
    private final JsonMapper json = JsonMapper.builder().build();
    private final Map<UUID, Dialog> dialogs = new HashMap<>();
    private final AtomicInteger historyCalls = new AtomicInteger();
    private final AtomicInteger memberCalls = new AtomicInteger();
    private volatile long historyDelayMillis;
    private final List<String> reads = new java.util.concurrent.CopyOnWriteArrayList<>();

    DialogDomainStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/internal/delivery/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A member; returns their joinedAtSeq (the next message's dialogSeq). */
    synchronized long join(UUID dialog, UUID user) {
        Dialog state = dialogs.computeIfAbsent(dialog, d -> new Dialog());
        long joinedAtSeq = state.lastSeq + 1;
        state.members.put(user, joinedAtSeq);
        return joinedAtSeq;
    }

    /** Confirms a message: the next dialogSeq and the sender's next senderSeq. */
    synchronized Item append(UUID dialog, UUID sender, String text, boolean inHistory) {
        Dialog state = dialogs.get(dialog);
        long senderSeq = state.senderSeqs.merge(sender, 1L, Long::sum);
        Item item = new Item(Long.toString(MESSAGE_IDS.incrementAndGet()), dialog, sender, senderSeq,
                ++state.lastSeq, text, Instant.now());
        (inHistory ? state.history : state.lagging).put(item.dialogSeq(), item);
        return item;
    }

    /** The read model caught up: messages kept out of history are in it now. */
    synchronized void catchUpHistory(UUID dialog) {
        Dialog state = dialogs.get(dialog);
        state.history.putAll(state.lagging);
        state.lagging.clear();
    }

    void historyDelay(long millis) {
        historyDelayMillis = millis;
    }

    int historyCalls() {
        return historyCalls.get();
    }

    /** The read calls answered 200, as {@code dialogId/userId/upToSeq}. */
    List<String> reads() {
        return List.copyOf(reads);
    }

    int memberCalls() {
        return memberCalls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            if (auth == null || !auth.startsWith("Bearer ")) {
                reply(exchange, 401, "{\"code\":\"UNAUTHENTICATED\"}");
                return;
            }
            URI uri = exchange.getRequestURI();
            String[] path = uri.getPath().substring("/internal/delivery/".length()).split("/");
            Map<String, String> query = query(uri.getRawQuery());
            if (path.length == 3 && path[0].equals("dialogs") && path[2].equals("read")
                    && exchange.getRequestMethod().equals("POST")) {
                var body = json.readTree(exchange.getRequestBody().readAllBytes());
                UUID dialog = UUID.fromString(path[1]);
                UUID user = UUID.fromString(body.get("userId").asString());
                long upToSeq = body.get("upToSeq").asLong();
                synchronized (this) {
                    Dialog state = dialogs.get(dialog);
                    if (state == null || !state.members.containsKey(user)) {
                        reply(exchange, 404, "{\"code\":\"DIALOG_NOT_FOUND\",\"status\":404}");
                        return;
                    }
                    if (upToSeq > state.lastSeq) {
                        reply(exchange, 409, "{\"code\":\"WATERMARK_OUT_OF_RANGE\",\"status\":409}");
                        return;
                    }
                }
                reads.add(dialog + "/" + user + "/" + upToSeq);
                reply(exchange, 200, "{\"dialogId\":\"" + dialog + "\",\"readSeq\":" + upToSeq + "}");
            } else if (path.length == 3 && path[0].equals("users") && path[2].equals("dialogs")) {
                reply(exchange, 200, dialogsOf(UUID.fromString(path[1])));
            } else if (path.length == 3 && path[0].equals("dialogs") && path[2].equals("members")) {
                memberCalls.incrementAndGet();
                reply(exchange, 200, membersOf(UUID.fromString(path[1])));
            } else if (path.length == 3 && path[0].equals("dialogs") && path[2].equals("messages")) {
                historyCalls.incrementAndGet();
                if (historyDelayMillis > 0) {
                    Thread.sleep(historyDelayMillis);
                }
                String page = history(UUID.fromString(path[1]), UUID.fromString(query.get("viewer")),
                        Long.parseLong(query.getOrDefault("afterSeq", "0")),
                        Integer.parseInt(query.getOrDefault("limit", "50")));
                if (page == null) {
                    reply(exchange, 404, "{\"code\":\"DIALOG_NOT_FOUND\",\"status\":404}");
                } else {
                    reply(exchange, 200, page);
                }
            } else {
                reply(exchange, 404, "{\"code\":\"NOT_FOUND\"}");
            }
        } catch (Exception e) {
            reply(exchange, 500, "{\"code\":\"INTERNAL_ERROR\"}");
        }
    }

    private synchronized String dialogsOf(UUID user) {
        ArrayNode list = json.createArrayNode();
        dialogs.forEach((id, dialog) -> {
            Long joinedAtSeq = dialog.members.get(user);
            if (joinedAtSeq != null) {
                list.addObject().put("dialogId", id.toString()).put("userId", user.toString())
                        .put("joinedAtSeq", joinedAtSeq).put("lastDialogSeq", dialog.lastSeq);
            }
        });
        return list.toString();
    }

    private synchronized String membersOf(UUID dialogId) {
        ArrayNode list = json.createArrayNode();
        Dialog dialog = dialogs.get(dialogId);
        if (dialog != null) {
            dialog.members.forEach((user, joinedAtSeq) -> list.addObject().put("dialogId", dialogId.toString())
                    .put("userId", user.toString()).put("joinedAtSeq", joinedAtSeq));
        }
        return list.toString();
    }

    private synchronized String history(UUID dialogId, UUID viewer, long afterSeq, int limit) {
        Dialog dialog = dialogs.get(dialogId);
        Long joinedAtSeq = dialog == null ? null : dialog.members.get(viewer);
        if (joinedAtSeq == null) {
            return null;
        }
        List<Item> visible = new ArrayList<>();
        for (Item item : dialog.history.tailMap(Math.max(afterSeq, joinedAtSeq - 1), false).values()) {
            visible.add(item);
        }
        ObjectNode page = json.createObjectNode();
        ArrayNode items = page.putArray("items");
        visible.stream().limit(limit).forEach(item -> {
            ObjectNode node = items.addObject();
            node.put("messageId", item.messageId()).put("dialogId", item.dialogId().toString())
                    .put("senderId", item.senderId().toString()).put("senderSeq", item.senderSeq())
                    .put("dialogSeq", item.dialogSeq()).put("sentAt", item.sentAt().toString()).put("version", 1);
            node.putObject("body").put("type", "text").put("text", item.text());
            node.put("someFutureField", "ignored by a tolerant reader");
        });
        page.put("hasMore", visible.size() > limit);
        page.put("epoch", 1);
        return page.toString();
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return query;
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    record Item(String messageId, UUID dialogId, UUID senderId, long senderSeq, long dialogSeq, String text,
                Instant sentAt) {
    }

    private static final class Dialog {
        final Map<UUID, Long> members = new LinkedHashMap<>();
        final Map<UUID, Long> senderSeqs = new HashMap<>();
        final TreeMap<Long, Item> history = new TreeMap<>();
        final TreeMap<Long, Item> lagging = new TreeMap<>();
        long lastSeq;
    }
}
