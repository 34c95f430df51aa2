package io.chatbackend.dialog.readmodel;

import io.chatbackend.dialog.command.DialogCreatedEvent;
import io.chatbackend.dialog.command.LaneConfirmedEvent;
import io.chatbackend.dialog.command.LaneReleasedEvent;
import io.chatbackend.dialog.command.LaneReservedEvent;
import io.chatbackend.dialog.command.LaneTakenEvent;
import io.chatbackend.dialog.command.MemberJoinedEvent;
import io.chatbackend.dialog.command.MemberLeftEvent;
import io.chatbackend.dialog.command.MessageAppendedEvent;
import io.chatbackend.dialog.command.ReadWatermarkAdvancedEvent;
import io.chatbackend.dialog.command.UserBlockedEvent;
import io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

class MembershipProjectorTest {

    private final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(
            new MembershipProjector(mock(MembershipProjection.class), mock(ReadModelCatalog.class)));

    @Test
    void handlesEveryTypeTheProjectionWrites() {
        assertThat(handlers.canHandleType(DialogCreatedEvent.class)).isTrue();
        assertThat(handlers.canHandleType(MemberJoinedEvent.class)).isTrue();
        assertThat(handlers.canHandleType(MemberLeftEvent.class)).isTrue();
        assertThat(handlers.canHandleType(MessageAppendedEvent.class)).isTrue();
        assertThat(handlers.canHandleType(ReadWatermarkAdvancedEvent.class)).isTrue();
    }

    @Test
    void skipsTheLanesEventsWithoutAUnitOfWorkOrATokenUpdate() {
        assertThat(handlers.canHandleType(LaneTakenEvent.class)).isFalse();
        assertThat(handlers.canHandleType(LaneReservedEvent.class)).isFalse();
        assertThat(handlers.canHandleType(LaneConfirmedEvent.class)).isFalse();
        assertThat(handlers.canHandleType(LaneReleasedEvent.class)).isFalse();
        assertThat(handlers.canHandleType(UserBlockedEvent.class)).isFalse();
    }
}
