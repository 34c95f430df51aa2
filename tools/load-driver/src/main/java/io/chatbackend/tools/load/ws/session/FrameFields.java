package io.chatbackend.tools.load.ws.session;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of a server frame the benchmark uses, read with Jackson's streaming parser (no tree: a storm brings
 * a million frames to one process). Absent numbers are 0, absent strings null.
 *
 * @param text the message body's text (the benchmark's marker of each send)
 */
public record FrameFields(String type, long sessionSeq, String dialogId, long dialogSeq, String messageId,
                          String senderId, long senderSeq, String text, long fromSessionSeq, long toSessionSeq) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public boolean is(String frameType) {
        return frameType.equals(type);
    }

    /** Parses one frame; a frame that is not a JSON object has type null. */
    public static FrameFields parse(String frame) {
        String type = null;
        String dialogId = null;
        String messageId = null;
        String senderId = null;
        String text = null;
        long sessionSeq = 0;
        long dialogSeq = 0;
        long senderSeq = 0;
        long fromSessionSeq = 0;
        long toSessionSeq = 0;
        try (JsonParser parser = JSON.createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new FrameFields(null, 0, null, 0, null, null, 0, null, 0, 0);
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "type" -> type = string(parser, value);
                    case "sessionSeq" -> sessionSeq = number(parser, value);
                    case "dialogId" -> dialogId = string(parser, value);
                    case "dialogSeq" -> dialogSeq = number(parser, value);
                    case "messageId" -> messageId = string(parser, value);
                    case "senderId" -> senderId = string(parser, value);
                    case "senderSeq" -> senderSeq = number(parser, value);
                    case "fromSessionSeq" -> fromSessionSeq = number(parser, value);
                    case "toSessionSeq" -> toSessionSeq = number(parser, value);
                    case "body" -> text = bodyText(parser, value);
                    default -> parser.skipChildren();
                }
            }
        } catch (RuntimeException e) {
            return new FrameFields(null, 0, null, 0, null, null, 0, null, 0, 0);
        }
        return new FrameFields(type, sessionSeq, dialogId, dialogSeq, messageId, senderId, senderSeq, text,
                fromSessionSeq, toSessionSeq);
    }

    private static String bodyText(JsonParser parser, JsonToken value) {
        if (value != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        String text = null;
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken inner = parser.nextToken();
            if ("text".equals(name)) {
                text = string(parser, inner);
            } else {
                parser.skipChildren();
            }
        }
        return text;
    }

    private static String string(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getString();
        }
        parser.skipChildren();
        return null;
    }

    private static long number(JsonParser parser, JsonToken value) {
        if (value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        parser.skipChildren();
        return 0;
    }
}
