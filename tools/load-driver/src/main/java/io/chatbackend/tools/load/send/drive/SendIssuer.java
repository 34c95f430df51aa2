package io.chatbackend.tools.load.send.drive;

import io.chatbackend.tools.load.common.api.GatewayClient;
import io.chatbackend.tools.load.common.api.SendTarget;
import io.chatbackend.tools.load.common.drive.OpenLoopDriver;
import io.chatbackend.tools.load.send.api.LiveSessions;
import io.chatbackend.tools.load.send.api.Workload;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Issues send {@code i} of a run (to its workload target, text {@code bench-i} so deliveries can be matched) and
 * files its answer: the outcome, and for a measured {@code 201} the projection-lag sample.
 */
public final class SendIssuer implements OpenLoopDriver.Issuer {

    private final GatewayClient gateway;
    private final Workload workload;
    private final SendOutcomes outcomes;
    private final ProjectionLagProbe lagProbe;

    public SendIssuer(GatewayClient gateway, Workload workload, SendOutcomes outcomes, ProjectionLagProbe lagProbe) {
        this.gateway = gateway;
        this.workload = workload;
        this.outcomes = outcomes;
        this.lagProbe = lagProbe;
    }

    /** Starts the send now; the future completes once its answer is filed (it never completes exceptionally). */
    @Override
    public CompletableFuture<Void> issue(long index, long intendedNanos) {
        outcomes.offered(index, intendedNanos);
        SendTarget target = workload.target(index);
        CompletableFuture<HttpResponse<String>> answer;
        try {
            answer = gateway.send(target, LiveSessions.MARKER + index);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        return answer.handle((response, error) -> {
            long now = System.nanoTime();
            if (error != null) {
                outcomes.failed(intendedNanos, now);
                return null;
            }
            outcomes.answered(intendedNanos, response.statusCode(), now);
            if (response.statusCode() == 201 && outcomes.window().contains(intendedNanos)) {
                long dialogSeq = GatewayClient.json(response.body()).path("dialogSeq").asLong(-1);
                if (dialogSeq > 0) {
                    lagProbe.acknowledged(index, target, dialogSeq, now);
                }
            }
            return null;
        });
    }
}
