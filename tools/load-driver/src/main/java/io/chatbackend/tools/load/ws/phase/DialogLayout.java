package io.chatbackend.tools.load.ws.phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Who is in which dialog for storm B, the same for the same seed: every user in exactly {@code dialogsPerUser}
 * dialogs of {@code minSize}–{@code maxSize} distinct members. Sizes are drawn first (then trimmed so they add up to
 * users × dialogsPerUser); each dialog then takes, at random, users among those with the most places left, which
 * always fills every dialog with distinct members.
 *
 * @param dialogs per dialog, its members as indexes into the users (the first one creates it)
 */
public record DialogLayout(List<List<Integer>> dialogs) {

    public static DialogLayout of(int users, int dialogsPerUser, int minSize, int maxSize, long seed) {
        int largest = Math.min(maxSize, users);
        if (users < minSize || largest < minSize || dialogsPerUser < 1) {
            throw new IllegalArgumentException("cannot lay out " + users + " users in dialogs of " + minSize + "-"
                    + maxSize + " members");
        }
        Random random = new Random(seed);
        List<Integer> sizes = sizes(users * (long) dialogsPerUser, minSize, largest, random);
        // buckets[k]: users with k places left, in random order
        List<List<Integer>> buckets = new ArrayList<>();
        for (int k = 0; k <= dialogsPerUser; k++) {
            buckets.add(new ArrayList<>());
        }
        for (int user = 0; user < users; user++) {
            buckets.get(dialogsPerUser).add(user);
        }
        java.util.Collections.shuffle(buckets.get(dialogsPerUser), random);
        int[] left = new int[users];
        java.util.Arrays.fill(left, dialogsPerUser);
        List<List<Integer>> dialogs = new ArrayList<>(sizes.size());
        for (int size : sizes) {
            List<Integer> members = new ArrayList<>(size);
            for (int k = 0; k < size; k++) {
                int most = dialogsPerUser;
                while (most > 0 && buckets.get(most).isEmpty()) {
                    most--;
                }
                if (most == 0) {
                    throw new IllegalStateException("no user left for a dialog of " + size + " (seed " + seed + ")");
                }
                List<Integer> bucket = buckets.get(most);
                int pick = random.nextInt(bucket.size());
                int user = bucket.get(pick);
                bucket.set(pick, bucket.get(bucket.size() - 1));
                bucket.remove(bucket.size() - 1);
                members.add(user);
            }
            for (int user : members) {
                left[user]--;
                if (left[user] > 0) {
                    buckets.get(left[user]).add(user);
                }
            }
            dialogs.add(List.copyOf(members));
        }
        return new DialogLayout(List.copyOf(dialogs));
    }

    /** Sizes drawn in {@code [min, max]} until they cover {@code total}, then trimmed down to it exactly. */
    private static List<Integer> sizes(long total, int min, int max, Random random) {
        List<Integer> sizes = new ArrayList<>();
        long sum = 0;
        while (sum < total) {
            int size = min + random.nextInt(max - min + 1);
            sizes.add(size);
            sum += size;
        }
        for (int i = sizes.size() - 1; sum > total; i = i == 0 ? sizes.size() - 1 : i - 1) {
            int trim = (int) Math.min(sum - total, sizes.get(i) - min);
            sizes.set(i, sizes.get(i) - trim);
            sum -= trim;
            if (trim == 0 && sizes.stream().allMatch(s -> s == min)) {
                sizes.remove(sizes.size() - 1); // all at the minimum and still too many: one dialog fewer
                sum -= min;
            }
        }
        if (sum < total) { // the removal overshot: give the difference back
            sizes.set(sizes.size() - 1, (int) (sizes.get(sizes.size() - 1) + total - sum));
        }
        return sizes;
    }

    public int members() {
        return dialogs.stream().mapToInt(List::size).sum();
    }
}
