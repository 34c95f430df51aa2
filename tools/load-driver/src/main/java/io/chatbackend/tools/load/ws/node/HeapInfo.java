package io.chatbackend.tools.load.ws.node;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap in use from {@code jcmd <pid> GC.heap_info}: the sum of the generations' {@code used} (Serial, Parallel,
 * G1: {@code total NK, used NK}), or ZGC's {@code ZHeap used NM}; metaspace is not heap.
 */
final class HeapInfo {

    private static final Pattern GENERATION = Pattern.compile("total\\s+(\\d+)([KMG]),\\s+used\\s+(\\d+)([KMG])");
    private static final Pattern Z_HEAP = Pattern.compile("ZHeap\\s+used\\s+(\\d+)([KMG])");

    private HeapInfo() {
    }

    static OptionalLong usedBytes(String heapInfo) {
        long used = 0;
        boolean found = false;
        Matcher generation = GENERATION.matcher(heapInfo);
        while (generation.find()) {
            used += bytes(generation.group(3), generation.group(4));
            found = true;
        }
        if (!found) {
            Matcher z = Z_HEAP.matcher(heapInfo);
            if (z.find()) {
                used = bytes(z.group(1), z.group(2));
                found = true;
            }
        }
        return found ? OptionalLong.of(used) : OptionalLong.empty();
    }

    private static long bytes(String number, String unit) {
        long value = Long.parseLong(number);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
