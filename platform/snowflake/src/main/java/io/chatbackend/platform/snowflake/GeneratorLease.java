package io.chatbackend.platform.snowflake;

/**
 * The right to use one generator id until a deadline. {@code validUntilNanos} is on this JVM's monotonic clock, so
 * wall-clock jumps do not extend it; {@code issuedUntilMillis} is the wall-clock millisecond up to which an earlier
 * holder may have issued ids with this generator id, which this holder must not reuse.
 */
public record GeneratorLease(int generatorId, long validUntilNanos, long issuedUntilMillis) {

    public boolean validAt(long nanoTime) {
        return nanoTime - validUntilNanos < 0;
    }
}
