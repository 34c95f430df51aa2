package io.chatbackend.message.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.util.UUID;

/** {@code {"clientMessageId": "<uuid>", "body": {"type": "text", "text": "…"}}} */
record SendMessageRequest(@NotNull UUID clientMessageId, @NotNull @Valid Body body) {

    record Body(@NotNull @Pattern(regexp = "text") String type, @NotNull String text) {
    }
}
