package io.chatbackend.dialog.web;

import io.chatbackend.dialog.command.BlockUserCommand;
import io.chatbackend.dialog.command.UnblockUserCommand;
import io.chatbackend.dialog.integration.UserDirectory;
import io.chatbackend.dialog.query.BlockQueries;
import io.chatbackend.platform.web.ApiException;
import io.chatbackend.platform.web.Caller;
import io.chatbackend.platform.web.CommonProblem;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A user's blocks (ADR 0024): {@code PUT} blocks a user ({@code 204}, also when already blocked), {@code DELETE}
 * lifts a block ({@code 204}; {@code 404} when there is none), {@code GET} lists them. A blocked user is never told:
 * they only meet the refusals a stranger would.
 */
@RestController
@RequestMapping("/api/v1/blocks")
class BlockController {

    private final CommandGateway commands;
    private final BlockQueries blocks;
    private final UserDirectory users;
    private final Clock clock;

    BlockController(CommandGateway commands, BlockQueries blocks, UserDirectory users, Clock clock) {
        this.commands = commands;
        this.blocks = blocks;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping
    Map<String, List<BlockQueries.Block>> list(@AuthenticationPrincipal Jwt jwt) {
        return Map.of("items", blocks.blocksOf(Caller.of(jwt).userId()));
    }

    @PutMapping("/{userId}")
    ResponseEntity<Void> block(@PathVariable UUID userId, @AuthenticationPrincipal Jwt jwt) {
        UUID me = Caller.of(jwt).userId();
        if (userId.equals(me)) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED, "You cannot block yourself.");
        }
        if (!blocks.hasBlocked(me, userId)) {
            if (!users.unknown(List.of(userId)).isEmpty()) {
                throw new ApiException(CommonProblem.VALIDATION_FAILED, "Unknown users: [" + userId + "]");
            }
            commands.sendAndWait(new BlockUserCommand(me.toString(), userId, clock.instant()));
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{userId}")
    ResponseEntity<Void> unblock(@PathVariable UUID userId, @AuthenticationPrincipal Jwt jwt) {
        UUID me = Caller.of(jwt).userId();
        if (!blocks.hasBlocked(me, userId)) {
            throw new ApiException(CommonProblem.NOT_FOUND, "You have not blocked this user.");
        }
        commands.sendAndWait(new UnblockUserCommand(me.toString(), userId, clock.instant()));
        return ResponseEntity.noContent().build();
    }
}
