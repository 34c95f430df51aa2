package io.chatbackend.platform.web;

import jakarta.validation.ConstraintViolationException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns every failure of a request into problem details with a stable code, and never lets a stack trace, class
 * name or SQL reach the caller: unexpected failures are logged with the request id and answered generically.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> apiException(ApiException e) {
        ProblemDetail problem = Problems.of(e.code(), e.getMessage());
        e.properties().forEach(problem::setProperty);
        return respond(e.status(), problem, e.headers());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return payloadTooLarge(tooLarge);
            }
        }
        String detail = "The request body is not valid JSON for this endpoint.";
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            detail = "Unknown field '" + unknown.getPropertyName() + "'.";
        } else if (e.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            detail = "Field '" + path(databind) + "' has a value of the wrong type or form.";
        }
        return respond(HttpStatus.BAD_REQUEST, Problems.of(CommonProblem.MALFORMED_REQUEST, detail), null);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", messageOf(error)))
                .toList();
        return validationFailed("The request has invalid fields.", errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> Map.of(
                        "field", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage()))))
                .toList();
        return validationFailed("The request has invalid parameters.", errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(violation -> Map.of("field", violation.getPropertyPath().toString(),
                        "message", violation.getMessage()))
                .toList();
        return validationFailed("The request has invalid parameters.", errors);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return validationFailed("Parameter '" + e.getName() + "' has a value of the wrong type.",
                List.of(Map.of("field", e.getName(), "message", "wrong type")));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        return validationFailed("Parameter '" + e.getParameterName() + "' is required.",
                List.of(Map.of("field", e.getParameterName(), "message", "required")));
    }

    /** A query parameter whose percent-encoding does not decode (the container gives up on it while parsing). */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, Problems.of(CommonProblem.MALFORMED_REQUEST,
                "A request parameter is not correctly encoded."), null);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException e) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, Problems.of(CommonProblem.PAYLOAD_TOO_LARGE,
                e.getMessage()), null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return respond(HttpStatus.FORBIDDEN, Problems.of(CommonProblem.FORBIDDEN,
                "You are not allowed to do this."), null);
    }

    @ExceptionHandler(AuthenticationException.class)
    ResponseEntity<ProblemDetail> unauthenticated(AuthenticationException e) {
        return respond(HttpStatus.UNAUTHORIZED, Problems.of(CommonProblem.UNAUTHENTICATED,
                "A valid access token is required."), null);
    }

    private ResponseEntity<ProblemDetail> springError(ErrorResponse e) {
        HttpStatusCode status = e.getStatusCode();
        CommonProblem code = switch (status.value()) {
            case 404 -> CommonProblem.NOT_FOUND;
            case 405 -> CommonProblem.METHOD_NOT_ALLOWED;
            case 406 -> CommonProblem.NOT_ACCEPTABLE;
            case 413 -> CommonProblem.PAYLOAD_TOO_LARGE;
            case 415 -> CommonProblem.UNSUPPORTED_MEDIA_TYPE;
            default -> status.is4xxClientError() ? CommonProblem.REQUEST_REJECTED : CommonProblem.INTERNAL_ERROR;
        };
        String detail = status.is4xxClientError() ? e.getBody().getDetail()
                : "An unexpected error occurred.";
        return respond(status, Problems.of(status, code, detail), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            return springError(known);
        }
        log.error("Unexpected failure of a request", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, Problems.of(CommonProblem.INTERNAL_ERROR,
                "An unexpected error occurred; quote the request id when reporting it."), null);
    }

    private ResponseEntity<ProblemDetail> validationFailed(String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = Problems.of(CommonProblem.VALIDATION_FAILED, detail);
        problem.setProperty("errors", errors);
        return respond(HttpStatus.BAD_REQUEST, problem, null);
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatusCode status, ProblemDetail problem,
                                                         org.springframework.http.HttpHeaders headers) {
        var builder = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (headers != null) {
            builder.headers(headers);
        }
        return builder.body(problem);
    }

    private static String messageOf(FieldError error) {
        return error.getDefaultMessage() == null ? "invalid" : error.getDefaultMessage();
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
