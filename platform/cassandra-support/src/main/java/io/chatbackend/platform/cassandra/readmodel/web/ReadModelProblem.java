package io.chatbackend.platform.cassandra.readmodel.web;

import io.chatbackend.platform.problem.ProblemCode;

/** The problem codes of the read-model administration API, beside {@code CommonProblem}'s. */
public enum ReadModelProblem implements ProblemCode {

    READ_MODEL_NOT_FOUND(404, "No read model of this service has that name."),
    REBUILD_NOT_FOUND(404, "No rebuild of this read model has that job id."),
    REBUILD_RUNNING(409, "A rebuild of this read model is already running.");

    private final int status;
    private final String meaning;

    ReadModelProblem(int status, String meaning) {
        this.status = status;
        this.meaning = meaning;
    }

    @Override
    public int httpStatus() {
        return status;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}
