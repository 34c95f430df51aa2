package io.chatbackend.message.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistoryStartTest {

    @Test
    void aMemberSeesMessagesFromTheirJoiningOn() {
        HistoryStart joinedAtFour = new HistoryStart(4);
        assertThat(joinedAtFour.covers(4)).isTrue();
        assertThat(joinedAtFour.covers(5)).isTrue();
        assertThat(joinedAtFour.covers(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void messagesBeforeJoiningAreNotTheirs() {
        HistoryStart joinedAtFour = new HistoryStart(4);
        assertThat(joinedAtFour.covers(3)).isFalse();
        assertThat(joinedAtFour.covers(1)).isFalse();
    }

    @Test
    void aFoundingMemberSeesTheWholeHistory() {
        assertThat(new HistoryStart(1).covers(1)).isTrue();
    }
}
