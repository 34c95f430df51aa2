package io.chatbackend.message.readmodel;

import io.chatbackend.message.command.MessageSentEvent;
import io.chatbackend.message.command.SendAbandonedEvent;
import io.chatbackend.message.command.SendBegunEvent;
import io.chatbackend.message.command.SendDecidedEvent;
import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class MessagesProjectorTest {

    private final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(
            new MessagesProjector(mock(MessagesProjection.class), mock(ReadModelCatalog.class)));

    @Test
    void handlesOnlyWhatTheModelIsMadeOfSoTheProcessorSkipsTheRestWithoutATokenUpdate() {
        assertThat(handlers.canHandleType(MessageSentEvent.class)).isTrue();
        assertThat(handlers.canHandleType(SendBegunEvent.class)).isFalse();
        assertThat(handlers.canHandleType(SendDecidedEvent.class)).isFalse();
        assertThat(handlers.canHandleType(SendAbandonedEvent.class)).isFalse();
    }
}
