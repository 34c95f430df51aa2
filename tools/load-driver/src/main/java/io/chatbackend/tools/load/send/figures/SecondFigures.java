package io.chatbackend.tools.load.send.figures;

/**
 * One second of the measured window.
 *
 * @param second       seconds since the measured window began
 * @param offered      sends whose intended time fell in this second
 * @param acknowledged {@code 201}s that arrived in this second
 * @param other        other answers and errors that arrived in this second
 * @param p50Millis    acknowledge latency of the sends intended in this second (NaN when none was acknowledged)
 * @param p99Millis    the same, 99th percentile
 * @param maxMillis    the same, the slowest
 */
public record SecondFigures(int second, long offered, long acknowledged, long other, double p50Millis,
                            double p99Millis, double maxMillis) {
}
