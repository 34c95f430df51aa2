package io.chatbackend.notification.security;

/** Thrown by handlers to answer with a given problem. */
public final class ApiProblemException extends RuntimeException {

    private final Problem problem;

    public ApiProblemException(Problem problem) {
        super(problem.code(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
