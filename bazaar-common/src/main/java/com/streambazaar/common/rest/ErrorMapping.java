package com.streambazaar.common.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns every failure into the shared {@link ErrorBody} with the right status. Known refusals get a clear
 * message; a database or service that is away is a 503 {@code database_unavailable} / {@code service_unavailable}
 * with {@code Retry-After} ({@link Unavailable}); anything else is logged with a reference and answered 500 without
 * internals.
 */
public class ErrorMapping {

    @ServerExceptionMapper
    public Response apiException(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .entity(ErrorBody.of(e.code(), e.getMessage(), e.details()))
                .type(MediaType.APPLICATION_JSON);
        Object retryAfter = e.details().get("retryAfter");
        if (retryAfter != null) {
            response.header("Retry-After", retryAfter);
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response routeNotFound(NotFoundException e, HttpServerRequest request) {
        return json(404, ErrorBody.of("Not Found", "Route " + request.method() + " " + request.path() + " not found"));
    }

    @ServerExceptionMapper
    public Response methodNotAllowed(NotAllowedException e, HttpServerRequest request) {
        // the seed system answered unknown method+path pairs with its 404; clients expect that shape
        return json(404, ErrorBody.of("Not Found", "Route " + request.method() + " " + request.path() + " not found"));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e) {
        return json(401, ErrorBody.of("unauthorized", "Authentication required: send a valid access token"));
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e) {
        return json(401, ErrorBody.of("invalid_token", "Access token is invalid or expired"));
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e) {
        return json(403, ErrorBody.of("forbidden", "You are not allowed to do this"));
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidJson(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = fieldPath(mismatch);
            return json(400, ErrorBody.of("validation_error", "Invalid value for field '" + field + "'",
                    Map.of("field", field)));
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = fieldPath(mapping);
            return json(400, ErrorBody.of("validation_error", "Invalid value for field '" + field + "'",
                    Map.of("field", field)));
        }
        return json(400, ErrorBody.of("invalid_json", "Request body is not valid JSON"));
    }

    /** Overrides quarkus-rest-jackson's own mapper, whose body is not our error shape. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e) {
        return invalidJson(e);
    }

    @ServerExceptionMapper(priority = 1)
    public Response constraintViolation(ConstraintViolationException e) {
        ConstraintViolation<?> first = e.getConstraintViolations().stream().findFirst().orElse(null);
        if (first == null) {
            return json(400, ErrorBody.of("validation_error", "Invalid request"));
        }
        String path = first.getPropertyPath().toString();
        String field = path.contains(".") ? path.substring(path.lastIndexOf('.') + 1) : path;
        return json(400, ErrorBody.of("validation_error", field + " " + first.getMessage(), Map.of("field", field)));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        // Quarkus REST wraps body-reading failures; the Jackson cause knows which field was wrong
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return invalidJson(json);
            }
        }
        if (status >= 500) {
            return internal(e);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return json(status, ErrorBody.of(reason, e.getMessage() == null ? reason : e.getMessage()));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        // reactive pipelines wrap the cause; a known refusal deep inside is still a refusal
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return apiException(api);
            }
            // the reactive client reports SQL states as PgException, Hibernate Reactive as its own JDBCException
            String sqlState = cause instanceof PgException pg ? pg.getSqlState()
                    : cause instanceof org.hibernate.JDBCException jdbc ? jdbc.getSQLState() : null;
            Response mapped = database(sqlState);
            if (mapped != null) {
                return mapped;
            }
            if (cause instanceof JsonProcessingException json) {
                return invalidJson(json);
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        String outage = Unavailable.code(e);
        if (outage != null) {
            return unavailable(outage, e);
        }
        return internal(e);
    }

    /** The database or a service we call is away: 503 with Retry-After, not a 500 (nothing is wrong with our code). */
    static Response unavailable(String code, Throwable e) {
        Log.warnf("Answering 503 %s: %s", code, e.getMessage());
        return Response.status(503).entity(Unavailable.body(code)).type(MediaType.APPLICATION_JSON)
                .header("Retry-After", Unavailable.RETRY_AFTER_SECONDS).build();
    }

    private Response database(String state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case "23505" -> json(409, ErrorBody.of("conflict", "That already exists"));
            case "23503" -> json(409, ErrorBody.of("conflict", "It refers to something that does not exist"));
            case "22P02", "22003", "22001", "23514" -> json(400, ErrorBody.of("validation_error", "Invalid value"));
            // Postgres text cannot hold NUL (and a few other code points)
            case "22021", "22P05" -> json(400, ErrorBody.of("validation_error",
                    "Text contains characters that are not allowed (such as NUL)"));
            default -> null;
        };
    }

    private Response internal(Throwable e) {
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure, reference %s", reference);
        return json(500, ErrorBody.of("internal_error", "Something went wrong on our side (reference " + reference + ")"));
    }

    /** The top-level field a client fills in (a form field), even when the wrong value sits deeper in it. */
    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .filter(java.util.Objects::nonNull).findFirst()
                .orElseGet(() -> e.getPath().stream().map(ref -> "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining()));
    }

    private static Response json(int status, Object body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }
}
