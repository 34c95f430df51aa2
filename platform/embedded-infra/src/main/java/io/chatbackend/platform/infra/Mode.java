package io.chatbackend.platform.infra;

/** How durable the embedded servers are. */
public enum Mode {
    /** Tests: fsync and commit-log sync off, data thrown away at exit. */
    TEST,
    /**
     * Local run and benchmarks: durable settings (PostgreSQL with fsync, synchronous commit and full-page writes
     * on), data kept between runs.
     */
    DURABLE
}
