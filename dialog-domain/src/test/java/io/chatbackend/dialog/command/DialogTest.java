package io.chatbackend.dialog.command;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.predicate;

class DialogTest {

    private static final String DIALOG = UUID.randomUUID().toString();
    private final UUID admin = UUID.randomUUID();
    private final UUID member = UUID.randomUUID();
    private final UUID stranger = UUID.randomUUID();
    private AggregateTestFixture<Dialog> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Dialog.class);
    }

    private Object[] group() {
        return new Object[] {new DialogCreatedEvent(DIALOG, DialogType.GROUP, "team", admin, Instant.now()),
                new MemberJoinedEvent(DIALOG, admin, MemberRole.ADMIN, 1, admin),
                new MemberJoinedEvent(DIALOG, member, MemberRole.MEMBER, 1, admin)};
    }

    @Test
    void aGroupStartsWithItsCreatorAsAdminAndTheMembers() {
        fixture.givenNoPriorActivity()
                .when(new CreateDialogCommand(DIALOG, DialogType.GROUP, "team", admin, List.of(member, admin), 10))
                .expectEventsMatching(exactSequenceOf(
                        predicate(event -> event.getPayload() instanceof DialogCreatedEvent),
                        predicate(event -> event.getPayload().equals(new MemberJoinedEvent(DIALOG, admin,
                                MemberRole.ADMIN, 1, admin))),
                        predicate(event -> event.getPayload().equals(new MemberJoinedEvent(DIALOG, member,
                                MemberRole.MEMBER, 1, admin))),
                        andNoMore()));
    }

    @Test
    void aGroupOverTheSizeLimitIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateDialogCommand(DIALOG, DialogType.GROUP, "team", admin, List.of(member, stranger), 2))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void messagesGetDenseDialogSequenceNumbers() {
        fixture.given(group())
                .andGiven(new MessageAppendedEvent(DIALOG, "m1", admin, 1, 1))
                .when(new AppendMessageCommand(DIALOG, "m2", member, 1))
                .expectEvents(new MessageAppendedEvent(DIALOG, "m2", member, 1, 2))
                .expectResultMessagePayload(DialogCommandResult.appended(2));
    }

    @Test
    void anAdminAddsMembersWhoSeeHistoryFromTheNextMessage() {
        fixture.given(group())
                .andGiven(new MessageAppendedEvent(DIALOG, "m1", admin, 1, 1))
                .when(new AddMembersCommand(DIALOG, admin, List.of(stranger, member), 10))
                .expectEvents(new MemberJoinedEvent(DIALOG, stranger, MemberRole.MEMBER, 2, admin))
                .expectResultMessagePayload(DialogCommandResult.accepted());
    }

    @Test
    void onlyAdminsAddAndNonMembersAreToldTheDialogDoesNotExist() {
        fixture.given(group())
                .when(new AddMembersCommand(DIALOG, member, List.of(stranger), 10))
                .expectNoEvents()
                .expectResultMessagePayload(DialogCommandResult.rejected(DialogRejection.FORBIDDEN));
        fixture.given(group())
                .when(new AddMembersCommand(DIALOG, stranger, List.of(stranger), 10))
                .expectNoEvents()
                .expectResultMessagePayload(DialogCommandResult.rejected(DialogRejection.DIALOG_NOT_FOUND));
    }

    @Test
    void aFullGroupTakesNoMore() {
        fixture.given(group())
                .when(new AddMembersCommand(DIALOG, admin, List.of(stranger), 2))
                .expectNoEvents()
                .expectResultMessagePayload(DialogCommandResult.rejected(DialogRejection.GROUP_FULL));
    }

    @Test
    void aMemberMayLeaveButNotRemoveOthers() {
        fixture.given(group())
                .when(new RemoveMemberCommand(DIALOG, member, member))
                .expectEvents(new MemberLeftEvent(DIALOG, member, member));
        fixture.given(group())
                .when(new RemoveMemberCommand(DIALOG, member, admin))
                .expectNoEvents()
                .expectResultMessagePayload(DialogCommandResult.rejected(DialogRejection.FORBIDDEN));
    }

    @Test
    void aFormerMemberCannotAppend() {
        fixture.given(group())
                .andGiven(new MemberLeftEvent(DIALOG, member, member))
                .when(new AppendMessageCommand(DIALOG, "m1", member, 1))
                .expectNoEvents()
                .expectResultMessagePayload(DialogCommandResult.rejected(DialogRejection.NOT_A_MEMBER));
    }

}
