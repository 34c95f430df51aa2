package io.chatbackend.tools.load.ws.check;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One dialog as the checker knows it: its members, the 201s of its sends by {@code dialogSeq}, and what the clients'
 * frames said each {@code dialogSeq} is (the first frame of each; every later one must agree). Thread-safe.
 */
final class DialogRecord {

    /** What a 201 (or a frame) says a dialogSeq is. */
    record Message(String messageId, String senderId, long senderSeq) {
    }

    final String id;
    private final Set<String> members;
    private final TreeMap<Long, Message> acknowledged = new TreeMap<>();
    /** dialogSeq → what the first frame said; judged against the 201s at the verdict. */
    private final Map<Long, Message> observed = new ConcurrentHashMap<>();
    private final Set<Long> judged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger unanswered = new AtomicInteger();

    DialogRecord(String id, Set<String> members) {
        this.id = id;
        this.members = Set.copyOf(members);
    }

    boolean hasMember(String userId) {
        return members.contains(userId);
    }

    Set<String> members() {
        return members;
    }

    /** Files a 201; answers the message already acknowledged at that dialogSeq when it is another one. */
    synchronized Message acknowledge(long dialogSeq, Message message) {
        Message before = acknowledged.putIfAbsent(dialogSeq, message);
        return before == null || before.equals(message) ? null : before;
    }

    void unanswered() {
        unanswered.incrementAndGet();
    }

    boolean hasUnansweredSends() {
        return unanswered.get() > 0;
    }

    synchronized long lastAcknowledged() {
        return acknowledged.isEmpty() ? 0 : acknowledged.lastKey();
    }

    synchronized long[] acknowledgedSeqs() {
        return acknowledged.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    synchronized Message acknowledgedAt(long dialogSeq) {
        return acknowledged.get(dialogSeq);
    }

    /** A frame's content; answers what an earlier frame said when it differs. */
    Message observe(long dialogSeq, Message message) {
        Message first = observed.get(dialogSeq);
        if (first == null) {
            first = observed.putIfAbsent(dialogSeq, message);
        }
        return first == null || first.equals(message) ? null : first;
    }

    /** Each observed dialogSeq not judged yet, once: (dialogSeq, what the frames said). */
    void judgeObserved(java.util.function.BiConsumer<Long, Message> judge) {
        observed.forEach((dialogSeq, message) -> {
            if (judged.add(dialogSeq)) {
                judge.accept(dialogSeq, message);
            }
        });
    }
}
