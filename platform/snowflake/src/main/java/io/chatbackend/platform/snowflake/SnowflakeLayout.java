package io.chatbackend.platform.snowflake;

import java.time.Instant;

/**
 * The bit layout of an id: {@code 0 | 41 bits milliseconds since EPOCH | 8 bits generator | 14 bits sequence}.
 * Ids sort by creation time; 41 bits of milliseconds last about 69 years from the epoch.
 */
public final class SnowflakeLayout {

    /** 2026-01-01T00:00:00Z, the project epoch. */
    public static final long EPOCH_MILLIS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    public static final int GENERATOR_BITS = 8;
    public static final int SEQUENCE_BITS = 14;
    public static final int MAX_GENERATOR = (1 << GENERATOR_BITS) - 1;
    public static final int MAX_SEQUENCE = (1 << SEQUENCE_BITS) - 1;
    public static final long MAX_MILLIS = (1L << 41) - 1;

    private SnowflakeLayout() {
    }

    public static long compose(long epochMillis, int generator, int sequence) {
        long millis = epochMillis - EPOCH_MILLIS;
        if (millis < 0 || millis > MAX_MILLIS) {
            throw new IllegalArgumentException("time outside the id range: " + Instant.ofEpochMilli(epochMillis));
        }
        return (millis << (GENERATOR_BITS + SEQUENCE_BITS)) | ((long) generator << SEQUENCE_BITS) | sequence;
    }

    public static long epochMillisOf(long id) {
        return (id >>> (GENERATOR_BITS + SEQUENCE_BITS)) + EPOCH_MILLIS;
    }

    public static int generatorOf(long id) {
        return (int) ((id >>> SEQUENCE_BITS) & MAX_GENERATOR);
    }

    public static int sequenceOf(long id) {
        return (int) (id & MAX_SEQUENCE);
    }
}
