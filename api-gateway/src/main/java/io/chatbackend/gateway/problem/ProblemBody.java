package io.chatbackend.gateway.problem;

/**
 * RFC 7807 problem details with exactly the members of docs/architecture.md §5, in that order. A record, so nothing else (no
 * stack trace, no exception message, no "instance") can ever be serialized.
 */
public record ProblemBody(String type, String title, int status, String detail, String code, String requestId) {

    static ProblemBody of(GatewayProblem problem, int status, String requestId) {
        return new ProblemBody(problem.type(), problem.title(), status, problem.detail(), problem.code(), requestId);
    }
}
