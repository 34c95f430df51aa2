package io.chatbackend.platform.axon;

import java.util.ArrayList;
import java.util.List;

import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BeforeCommitTest {

    @Test
    void oneCollectionPerUnitOfWork_runOnceBeforeItCommits() {
        List<List<String>> ran = new ArrayList<>();
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(new GenericMessage<>("batch"));
        BeforeCommit.collect(batch, "k", ArrayList<String>::new, ran::add).add("a");
        BeforeCommit.collect(batch, "k", ArrayList<String>::new, ran::add).add("b");
        assertThat(ran).as("nothing runs before the commit").isEmpty();

        batch.commit();

        assertThat(ran).containsExactly(List.of("a", "b"));
    }
}
