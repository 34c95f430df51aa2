package io.chatbackend.tools.load.ws.check;

import java.util.Arrays;

/**
 * A set of positive sequence numbers kept as sorted, disjoint, non-adjacent ranges: what one client holds of one
 * dialog. Messages arrive almost always in order, so the set is one range and costs two longs, whatever the number
 * of messages. Not thread-safe (its {@link ClientLedger} guards it).
 */
final class SeqRanges {

    /** starts[i]..ends[i], inclusive, for i below {@code count}; sorted, with at least one number between ranges. */
    private long[] starts = new long[1];
    private long[] ends = new long[1];
    private int count;

    /** Adds {@code seq}; false when it was there already. */
    boolean add(long seq) {
        if (count > 0 && seq == ends[count - 1] + 1) { // the usual case: the next one
            ends[count - 1] = seq;
            return true;
        }
        int at = rangeAtOrBefore(seq);
        if (at >= 0 && seq <= ends[at]) {
            return false;
        }
        boolean joinsLeft = at >= 0 && ends[at] + 1 == seq;
        boolean joinsRight = at + 1 < count && starts[at + 1] - 1 == seq;
        if (joinsLeft && joinsRight) {
            ends[at] = ends[at + 1];
            remove(at + 1);
        } else if (joinsLeft) {
            ends[at] = seq;
        } else if (joinsRight) {
            starts[at + 1] = seq;
        } else {
            insert(at + 1, seq);
        }
        return true;
    }

    boolean contains(long seq) {
        int at = rangeAtOrBefore(seq);
        return at >= 0 && seq <= ends[at];
    }

    /** The highest {@code h} such that every number in {@code base+1..h} is held ({@code base} when none). */
    long contiguousAfter(long base) {
        int at = rangeAtOrBefore(base + 1);
        return at >= 0 && base + 1 <= ends[at] ? ends[at] : base;
    }

    /** How many numbers are held. */
    long size() {
        long size = 0;
        for (int i = 0; i < count; i++) {
            size += ends[i] - starts[i] + 1;
        }
        return size;
    }

    /** The index of the last range starting at or before {@code seq}, or -1. */
    private int rangeAtOrBefore(long seq) {
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (starts[middle] <= seq) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return high;
    }

    private void insert(int at, long seq) {
        if (count == starts.length) {
            starts = Arrays.copyOf(starts, count * 2);
            ends = Arrays.copyOf(ends, count * 2);
        }
        System.arraycopy(starts, at, starts, at + 1, count - at);
        System.arraycopy(ends, at, ends, at + 1, count - at);
        starts[at] = seq;
        ends[at] = seq;
        count++;
    }

    private void remove(int at) {
        System.arraycopy(starts, at + 1, starts, at, count - at - 1);
        System.arraycopy(ends, at + 1, ends, at, count - at - 1);
        count--;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : ", ").append(starts[i]).append(starts[i] == ends[i] ? "" : ".." + ends[i]);
        }
        return text.append(']').toString();
    }
}
