package io.chatbackend.platform.web;

import io.chatbackend.platform.problem.ProblemCode;

/** The problem codes every service's web layer may answer, whatever its domain. */
public enum CommonProblem implements ProblemCode {

    MALFORMED_REQUEST(400, "The request is not valid JSON for the endpoint, has an unknown field or a value of the "
            + "wrong JSON type, or a parameter that is not correctly encoded."),
    VALIDATION_FAILED(400, "A field or parameter is missing, out of range or of the wrong form; `errors` names each."),
    REQUEST_REJECTED(400, "The request was refused before it reached the endpoint."),
    UNAUTHENTICATED(401, "A valid access token is required."),
    FORBIDDEN(403, "The caller may not do this."),
    NOT_FOUND(404, "No resource exists at this path."),
    METHOD_NOT_ALLOWED(405, "The path exists, but not for this method."),
    NOT_ACCEPTABLE(406, "The endpoint cannot answer in a media type the request accepts."),
    PAYLOAD_TOO_LARGE(413, "The request body is larger than the service accepts."),
    UNSUPPORTED_MEDIA_TYPE(415, "The request body's media type is not accepted here (send application/json)."),
    INTERNAL_ERROR(500, "The service failed unexpectedly; quote the requestId when reporting it."),
    SERVICE_UNAVAILABLE(503, "The service cannot answer now; retry later.");

    private final int status;
    private final String meaning;

    CommonProblem(int status, String meaning) {
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
