package io.chatbackend.dialog.web;

import com.datastax.oss.driver.api.core.DriverException;
import io.chatbackend.dialog.command.AddMembersCommand;
import io.chatbackend.dialog.command.AdvanceReadWatermarkCommand;
import io.chatbackend.dialog.command.ReadMarker;
import io.chatbackend.dialog.command.CreateDialogCommand;
import io.chatbackend.dialog.command.DialogCommandResult;
import io.chatbackend.dialog.command.DialogType;
import io.chatbackend.dialog.command.RemoveMemberCommand;
import io.chatbackend.dialog.config.DialogProperties;
import io.chatbackend.dialog.integration.UserDirectory;
import io.chatbackend.dialog.query.BlockQueries;
import io.chatbackend.dialog.query.DialogQueries;
import io.chatbackend.dialog.query.DialogView;
import io.chatbackend.dialog.readmodel.DialogReadQueries;
import io.chatbackend.platform.web.ApiException;
import io.chatbackend.dialog.DialogProblem;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.platform.web.Caller;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Dialogs and their members. Non-members get the same 404 as for a dialog that does not exist. */
@RestController
@RequestMapping("/api/v1/dialogs")
class DialogController {

    private final CommandGateway commands;
    private final DialogQueries queries;
    private final UserDirectory users;
    private final DialogProperties properties;
    private final DialogReadQueries reads;
    private final BlockQueries blocks;

    DialogController(CommandGateway commands, DialogQueries queries, UserDirectory users,
                     DialogProperties properties, DialogReadQueries reads, BlockQueries blocks) {
        this.commands = commands;
        this.queries = queries;
        this.blocks = blocks;
        this.reads = reads;
        this.users = users;
        this.properties = properties;
    }

    @PostMapping
    ResponseEntity<DialogView> create(@Valid @RequestBody DialogRequests.CreateDialog request,
                                      @AuthenticationPrincipal Jwt jwt) {
        UUID me = Caller.of(jwt).userId();
        return "direct".equals(request.type()) ? createDirect(me, request) : createGroup(me, request);
    }

    /**
     * From the members read model; while that lags behind the write side (or Cassandra is unreachable), from the
     * write side, so the answer never contradicts the membership check.
     */
    @GetMapping("/{dialogId}")
    DialogView get(@PathVariable String dialogId, @AuthenticationPrincipal Jwt jwt) {
        UUID me = Caller.of(jwt).userId();
        UUID id = memberOf(dialogId, me);
        Optional<DialogView> projected;
        try {
            projected = reads.dialog(id);
        } catch (DriverException e) {
            projected = Optional.empty();
        }
        return projected
                .filter(view -> view.members().stream().anyMatch(member -> member.userId().equals(me)))
                .orElseGet(() -> visible(dialogId, me));
    }

    @PostMapping("/{dialogId}/members")
    DialogView addMembers(@PathVariable String dialogId, @Valid @RequestBody DialogRequests.AddMembers request,
                          @AuthenticationPrincipal Jwt jwt) {
        UUID me = Caller.of(jwt).userId();
        UUID id = visible(dialogId, me).dialogId();
        requireReachable(me, request.userIds());
        answer(commands.sendAndWait(new AddMembersCommand(id.toString(), me, request.userIds(),
                properties.maxGroupSize())));
        return visible(dialogId, me);
    }

    @DeleteMapping("/{dialogId}/members/{userId}")
    ResponseEntity<Void> removeMember(@PathVariable String dialogId, @PathVariable UUID userId,
                                      @AuthenticationPrincipal Jwt jwt) {
        UUID me = Caller.of(jwt).userId();
        UUID id = visible(dialogId, me).dialogId();
        answer(commands.sendAndWait(new RemoveMemberCommand(id.toString(), me, userId)));
        return ResponseEntity.noContent().build();
    }

    /**
     * Advances my read watermark. It never moves backwards (a lower value is a no-op that answers the current
     * one); beyond the dialog's last message is a conflict, checked against the write side.
     */
    @PostMapping("/{dialogId}/read")
    ReadWatermark markRead(@PathVariable String dialogId, @Valid @RequestBody DialogRequests.MarkRead request,
                           @AuthenticationPrincipal Jwt jwt) {
        UUID me = Caller.of(jwt).userId();
        UUID id = memberOf(dialogId, me);
        long upToSeq = request.upToSeq();
        long lastDialogSeq = queries.lastDialogSeq(id);
        if (upToSeq > lastDialogSeq) {
            throw new ApiException(DialogProblem.WATERMARK_OUT_OF_RANGE, "The dialog's last message is "
                    + lastDialogSeq + "; cannot mark " + upToSeq + " as read.");
        }
        if (upToSeq == 0) {
            return new ReadWatermark(id, 0);
        }
        long readSeq = commands.sendAndWait(new AdvanceReadWatermarkCommand(ReadMarker.idOf(id.toString(), me),
                id.toString(), me, upToSeq));
        return new ReadWatermark(id, Math.max(readSeq, upToSeq));
    }

    record ReadWatermark(UUID dialogId, long readSeq) {
    }

    private UUID memberOf(String dialogId, UUID viewer) {
        try {
            UUID id = UUID.fromString(dialogId);
            if (queries.isMember(id, viewer)) {
                return id;
            }
        } catch (IllegalArgumentException e) {
            // not a dialog id: the same answer as for a dialog that does not exist
        }
        throw notFound();
    }

    private ResponseEntity<DialogView> createDirect(UUID me, DialogRequests.CreateDialog request) {
        if (request.peerUserId() == null || request.peerUserId().equals(me) || request.title() != null
                || request.memberIds() != null) {
            throw invalid("A direct dialog needs exactly 'peerUserId' (another user) and nothing else.");
        }
        UUID dialogId = directDialogId(me, request.peerUserId());
        if (queries.exists(dialogId)) {
            return ResponseEntity.ok(visible(dialogId.toString(), me));
        }
        requireReachable(me, List.of(request.peerUserId()));
        try {
            commands.sendAndWait(new CreateDialogCommand(dialogId.toString(), DialogType.DIRECT, null, me,
                    List.of(request.peerUserId()), 2));
        } catch (RuntimeException e) {
            if (!queries.exists(dialogId)) { // not a concurrent create of the same pair
                throw e;
            }
            return ResponseEntity.ok(visible(dialogId.toString(), me));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(visible(dialogId.toString(), me));
    }

    private ResponseEntity<DialogView> createGroup(UUID me, DialogRequests.CreateDialog request) {
        if (request.title() == null || request.title().isBlank() || request.peerUserId() != null) {
            throw invalid("A group needs a 'title' and may list 'memberIds'.");
        }
        List<UUID> members = request.memberIds() == null ? List.of() : request.memberIds();
        if (members.stream().distinct().filter(id -> !id.equals(me)).count() + 1 > properties.maxGroupSize()) {
            throw invalid("A group has at most " + properties.maxGroupSize() + " members.");
        }
        requireReachable(me, members);
        UUID dialogId = UUID.randomUUID();
        commands.sendAndWait(new CreateDialogCommand(dialogId.toString(), DialogType.GROUP, request.title().strip(),
                me, members, properties.maxGroupSize()));
        return ResponseEntity.status(HttpStatus.CREATED).body(visible(dialogId.toString(), me));
    }

    /** The same pair always names the same direct dialog, whoever creates it. */
    static UUID directDialogId(UUID a, UUID b) {
        String pair = a.compareTo(b) < 0 ? a + ":" + b : b + ":" + a;
        return UUID.nameUUIDFromBytes(("direct:" + pair).getBytes(StandardCharsets.UTF_8));
    }

    private DialogView visible(String dialogId, UUID viewer) {
        UUID id;
        try {
            id = UUID.fromString(dialogId);
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        return queries.findForMember(id, viewer).orElseThrow(DialogController::notFound);
    }

    /**
     * Refuses users who do not exist and users who have blocked {@code me}, with one answer for both: a blocked user
     * learns nothing a stranger would not (ADR 0024).
     */
    private void requireReachable(UUID me, List<UUID> userIds) {
        Set<UUID> unreachable = new TreeSet<>(users.unknown(new ArrayList<>(userIds)));
        unreachable.addAll(blocks.blockersOf(me, userIds));
        if (!unreachable.isEmpty()) {
            throw invalid("Unknown users: " + unreachable);
        }
    }

    private static void answer(DialogCommandResult result) {
        result.rejection().ifPresent(rejection -> {
            throw switch (rejection) {
                case DIALOG_NOT_FOUND -> notFound();
                case FORBIDDEN -> new ApiException(CommonProblem.FORBIDDEN, "Only an admin of the group may do this.");
                case GROUP_FULL -> new ApiException(DialogProblem.GROUP_FULL, "The group is full.");
                case NOT_A_GROUP -> new ApiException(DialogProblem.NOT_A_GROUP,
                        "Members of a direct dialog cannot change.");
                case NOT_A_MEMBER -> new ApiException(DialogProblem.MEMBER_NOT_FOUND, "That user is not a member.");
            };
        });
    }

    private static ApiException notFound() {
        return new ApiException(DialogProblem.DIALOG_NOT_FOUND, "No such dialog.");
    }

    private static ApiException invalid(String detail) {
        return new ApiException(CommonProblem.VALIDATION_FAILED, detail);
    }


}
