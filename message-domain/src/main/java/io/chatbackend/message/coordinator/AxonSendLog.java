package io.chatbackend.message.coordinator;

import io.chatbackend.platform.axon.ActingPrincipal;
import io.chatbackend.platform.axon.AuditStamp;
import io.chatbackend.platform.service.batching.MicroBatcher;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The send log on this context's database: each recording step is a root command ({@link SendRecords}, handled by
 * {@link SendRecordHandler}) so the message aggregate's event and the coordinator's rows commit in one unit of work;
 * reads go to the rows directly.
 *
 * <p>Group commit (ADR 0020): the begins, and the completions, of concurrent sends share one unit of work and so
 * one commit, whatever queued while the previous ones were committing. A batch that fails as a whole (a conflict,
 * a deadlock) wrote nothing, and its steps are then run one by one, so a failing send fails only itself.
 */
@Component
class AxonSendLog implements SendLog, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AxonSendLog.class);

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final ActingPrincipal principal;
    private final MicroBatcher<Stamped<SendRecords.Start>, SendRecords.StartResult> begins;
    private final MicroBatcher<Stamped<SendRecords.Sent>, SendKey> completions;

    AxonSendLog(CommandGateway commands, JdbcTemplate jdbc, ActingPrincipal principal,
                @Value("${chat.message.group-commit.max-size:64}") int maxBatch,
                @Value("${chat.message.group-commit.in-flight:1}") int inFlight) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.principal = principal;
        this.begins = new MicroBatcher<>("send-begins", maxBatch, inFlight, this::inOneUnitOfWork);
        this.completions = new MicroBatcher<>("send-completions", maxBatch, inFlight, this::inOneUnitOfWork);
    }

    @Override
    public Optional<SendKey> key(UUID senderId, UUID clientMessageId) {
        return jdbc.query(SendLogStatements.KEY, SendLogStatements.KEY_ROW, senderId, clientMessageId).stream().findFirst();
    }

    @Override
    public boolean begin(SendRecords.Start start) {
        return begins.submit(stamped(start)) == SendRecords.StartResult.STARTED;
    }

    @Override
    public Optional<SendKey> sent(String messageId, long senderSeq, long dialogSeq, Instant sentAt) {
        return Optional.ofNullable(completions.submit(stamped(new SendRecords.Sent(messageId, senderSeq, dialogSeq,
                sentAt))));
    }

    @Override
    public void abandoned(String messageId, String reason) {
        commands.sendAndWait(new SendRecords.Abandoned(messageId, reason));
    }

    @Override
    public void heuristic(String messageId, String recorded, String participant) {
        commands.sendAndWait(new SendRecords.Heuristic(messageId, recorded, participant));
    }

    @Override
    public List<UnfinishedSend> unfinished(Duration olderThan, int limit) {
        List<UnfinishedSend> found = jdbc.query(SendLogStatements.CLAIM_UNFINISHED,
                (rs, n) -> new UnfinishedSend(Long.toString(rs.getLong(1)), rs.getString(2),
                        rs.getObject(3, UUID.class)),
                olderThan.toMillis() + " milliseconds", limit);
        return found.stream().sorted((a, b) -> Long.compare(Long.parseLong(a.messageId()),
                Long.parseLong(b.messageId()))).toList();
    }

    /** Stops group commit on shutdown: steps still waiting fail, and recovery finishes their sends. */
    @Override
    public void close() {
        begins.close();
        completions.close();
    }

    private <T> Stamped<T> stamped(T step) {
        return new Stamped<>(step, AuditStamp.capture(principal));
    }

    private <T, R> List<R> inOneUnitOfWork(List<Stamped<T>> steps) {
        if (steps.size() > 1) {
            try {
                return commands.sendAndWait(new SendRecords.Batch<>(steps.stream().map(Stamped::step).toList(),
                        steps.stream().map(Stamped::stamp).toList()));
            } catch (RuntimeException e) {
                log.debug("A group commit of {} steps rolled back; running them one by one: {}", steps.size(),
                        e.toString());
            }
        }
        return steps.stream().map(step -> commands.<R>sendAndWait(
                GenericCommandMessage.asCommandMessage(step.step()).andMetaData(step.stamp()))).toList();
    }

    /** A step and the audit metadata of the request it belongs to, captured on that request's thread. */
    private record Stamped<T>(T step, Map<String, Object> stamp) {
    }
}
