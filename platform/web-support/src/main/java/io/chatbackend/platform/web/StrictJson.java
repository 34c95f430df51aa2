package io.chatbackend.platform.web;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.type.LogicalType;

/**
 * How strictly request bodies are read: a field the endpoint does not know, a missing primitive, or a value of
 * another JSON type than the field's is a {@code 400 MALFORMED_REQUEST}, never a guess. Jackson's defaults would
 * accept {@code {"title": 5}} as the title {@code "5"} and {@code {"upToSeq": "7"}} as 7; a client that sends
 * such a value has a bug it should learn about, and a fuzzer must not be able to change state with wrong types.
 */
public final class StrictJson {

    private StrictJson() {
    }

    /** Applies the rules to a mapper being built. */
    public static <B extends MapperBuilder<?, B>> B apply(B builder) {
        return builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // one JSON value per body: {"ok":1} followed by anything else is not that value
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // numbers and booleans only from JSON numbers and booleans
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                // text only from JSON strings
                .withCoercionConfig(LogicalType.Textual, text -> text
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
