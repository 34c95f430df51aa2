package io.chatbackend.platform.infra;

import java.util.List;

/** How durable the embedded servers are. */
public enum Mode {
    /** Tests: fsync and commit-log sync off, data thrown away at exit. */
    TEST,
    /**
     * Local run and benchmarks: durable settings (PostgreSQL with fsync, synchronous commit and full-page writes
     * on), data kept between runs.
     */
    DURABLE;

    /**
     * Short-lived servers (tests) stop at the first JIT tier: they start faster and never run long enough for the
     * optimizing compiler to pay back its CPU. Long-running ones (the local run, benchmarks) compile fully: with the
     * first tier only, Kafka and Cassandra spent several times the CPU per send (ADR 0018).
     */
    static final List<String> QUICK_START_JIT = List.of("-XX:TieredStopAtLevel=1");

    /** The JIT flags of the Kafka and Cassandra JVMs in this mode. */
    List<String> jitFlags() {
        return this == TEST ? QUICK_START_JIT : List.of();
    }
}
