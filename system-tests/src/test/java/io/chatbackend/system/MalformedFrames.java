package io.chatbackend.system;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.chatbackend.notification.session.ClientFrameType;

/**
 * Malformed WebSocket client frames, per frame type: each member missing, of another JSON type, or at and beyond
 * its type's limits; ids no dialog or user has. Each of these must be answered by an {@code error} frame.
 */
final class MalformedFrames {

    /** Values no sequence member may take. */
    private static final List<String> BAD_SEQUENCES = List.of("\"1\"", "-1", "1.5", "9223372036854775808",
            "-9223372036854775809", "1e400", "null", "true", "[]", "{}");
    /** Values no id member may take. */
    private static final List<String> BAD_IDS = List.of("5", "\"x\"", "\"\"", "null", "[]", "{}", "true",
            "\"" + "a".repeat(5_000) + "\"");

    /** Text that is no JSON at all. */
    static final List<String> NOT_JSON = List.of("{", "nul", "{\"type\":}", "\u0000", "{\"type\":\"ack\"");
    /**
     * Ignored without an answer: JSON that is no object or names no known type (newer clients' frames), and typing
     * in a dialog the user is not in (typing is best-effort; a stranger learns nothing from silence).
     */
    static final List<String> IGNORED = List.of("[]", "5", "\"ping\"", "{\"type\":5}", "{\"type\":\"pong\"}",
            "{\"type\":\"" + "t".repeat(1_000) + "\"}",
            "{\"type\":\"typing\",\"dialogId\":\"" + UUID.randomUUID() + "\"}");

    private MalformedFrames() {
    }

    static Map<ClientFrameType, List<String>> of(String dialog) {
        Map<ClientFrameType, List<String>> frames = new EnumMap<>(ClientFrameType.class);
        String unknownDialog = UUID.randomUUID().toString();
        // a ping is valid with anything else in it: its malformations are its type's
        frames.put(ClientFrameType.PING, List.of("{\"type\":\"ping\"", "{\"type\":\"ping\",}"));

        List<String> resume = new ArrayList<>();
        for (String dialogs : List.of("\"x\"", "5", "[]", "true", "{\"not-a-dialog\":1}", "{\"\":1}")) {
            resume.add("{\"type\":\"resume\",\"dialogs\":" + dialogs + "}");
        }
        BAD_SEQUENCES.forEach(seq -> resume.add("{\"type\":\"resume\",\"dialogs\":{\"" + dialog + "\":" + seq + "}}"));
        frames.put(ClientFrameType.RESUME, resume);

        for (ClientFrameType type : List.of(ClientFrameType.ACK, ClientFrameType.READ)) {
            String name = type.wireName();
            List<String> watermark = new ArrayList<>();
            watermark.add("{\"type\":\"" + name + "\",\"upToSeq\":1}");
            watermark.add("{\"type\":\"" + name + "\",\"dialogId\":\"" + dialog + "\"}");
            BAD_IDS.forEach(id -> watermark.add("{\"type\":\"" + name + "\",\"dialogId\":" + id + ",\"upToSeq\":1}"));
            BAD_SEQUENCES.forEach(seq -> watermark.add("{\"type\":\"" + name + "\",\"dialogId\":\"" + dialog
                    + "\",\"upToSeq\":" + seq + "}"));
            // well-formed, but beyond the dialog's last message, or a dialog the user is not in
            watermark.add("{\"type\":\"" + name + "\",\"dialogId\":\"" + dialog + "\",\"upToSeq\":"
                    + Long.MAX_VALUE + "}");
            watermark.add("{\"type\":\"" + name + "\",\"dialogId\":\"" + unknownDialog + "\",\"upToSeq\":1}");
            frames.put(type, watermark);
        }

        List<String> typing = new ArrayList<>();
        typing.add("{\"type\":\"typing\"}");
        BAD_IDS.forEach(id -> typing.add("{\"type\":\"typing\",\"dialogId\":" + id + "}"));
        frames.put(ClientFrameType.TYPING, typing);

        List<String> presence = new ArrayList<>();
        presence.add("{\"type\":\"presence.subscribe\"}");
        String tooMany = IntStream.range(0, 101).mapToObj(i -> "\"" + UUID.randomUUID() + "\"")
                .collect(Collectors.joining(",", "[", "]"));
        for (String users : List.of("\"x\"", "5", "null", "{}", "[5]", "[\"x\"]", "[null]", "[[]]", tooMany)) {
            presence.add("{\"type\":\"presence.subscribe\",\"userIds\":" + users + "}");
        }
        frames.put(ClientFrameType.PRESENCE_SUBSCRIBE, presence);
        return frames;
    }
}
