package dev.rota.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one error model of the API: every failure is an RFC 9457 problem detail; bad input names the offending
 * field(s) in {@code errors: [{field, message}]} (and the first one in {@code field}). Used by the MVC advice
 * and by endpoints served ahead of Spring MVC, so both answer alike.
 */
public final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);

    private Problems() {
    }

    public static ProblemDetail problem(HttpStatus status, String type, String title, String detail,
                                        List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://rota.dev/problems/" + type));
        problem.setTitle(title);
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("field", errors.get(0).field());
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** Bad input naming one field (400). */
    public static ProblemDetail invalid(String field, String message) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    /** A request without a valid bearer token (401; sent with {@code WWW-Authenticate: Bearer}). */
    public static ProblemDetail unauthenticated() {
        return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated", "a valid bearer token is required",
                List.of());
    }

    /** The answer to an exception of the service; anything unforeseen is logged and answered 500. */
    public static ResponseEntity<ProblemDetail> of(Throwable e) {
        if (e instanceof InvalidInputException x) {
            return status(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", x.getMessage(), x.errors()));
        }
        if (e instanceof KeyReusedException x) {
            return status(problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency key reused",
                    x.getMessage(), List.of(new FieldError("Idempotency-Key", x.getMessage()))));
        }
        if (e instanceof PreconditionFailedException x) {
            return status(problem(HttpStatus.PRECONDITION_FAILED, "precondition-failed", "Precondition failed",
                    x.getMessage(), List.of(new FieldError("If-Match", x.getMessage()))));
        }
        if (e instanceof ConflictException x) {
            return status(problem(HttpStatus.CONFLICT, "conflict", "Conflict", x.getMessage(), fieldOf(x.field(), x)));
        }
        if (e instanceof DuplicateKeyException) {
            return status(problem(HttpStatus.CONFLICT, "conflict", "Conflict", "already exists", List.of()));
        }
        if (e instanceof org.springframework.dao.DataIntegrityViolationException && isForeignKeyViolation(e)) {
            // a record the request names went in a concurrent transaction (the checks before lock what they can)
            log.warn("Refused by a database constraint: {}", e.getMessage());
            return status(problem(HttpStatus.CONFLICT, "conflict", "Conflict",
                    "something this request refers to changed meanwhile; nothing was changed", List.of()));
        }
        if (e instanceof ConcurrencyFailureException) {
            // a transaction lost a deadlock or lock conflict even after retries: nothing was changed, try again
            log.warn("Gave up after conflicting transactions: {}", e.getMessage());
            // 409, not 503: the service is up, the request met another one changing the same thing
            return ResponseEntity.status(HttpStatus.CONFLICT).header("Retry-After", "1")
                    .body(problem(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                            "the request conflicted with concurrent changes; nothing was changed, please retry", List.of()));
        }
        if (databaseUnreachable(e)) {
            // the request may not have reached the database, or its answer did not come back: retrying is how to know
            log.warn("Database unavailable: {}", e.getMessage());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5")
                    .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                            "the database could not be reached; please retry (a conversation retried with the same "
                                    + "externalId or Idempotency-Key is never stored twice)", List.of()));
        }
        if (e instanceof NotFoundException) {
            return status(problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), List.of()));
        }
        if (e instanceof ForbiddenException x) {
            return status(problem(HttpStatus.FORBIDDEN, x.type(), "Forbidden", x.getMessage(), fieldOf(x.field(), x)));
        }
        if (e instanceof AccessDeniedException) {
            return status(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage(), List.of()));
        }
        if (e instanceof IllegalArgumentException) {
            // value types validate in their constructors; built straight from input, the message names the value
            return status(problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getMessage(),
                    List.of(new FieldError("body", e.getMessage()))));
        }
        log.error("Unexpected error", e);
        return status(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "an unexpected error occurred; it has been logged", List.of()));
    }

    /** No connection to be had, or it broke: SQL states 08 (connection) and 57P (the server shutting down). */
    static boolean databaseUnreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes a problem as the response ({@code application/problem+json}), with the entity's headers; its
     * {@code instance} is the request's path unless set, as Spring MVC's answers have it.
     */
    public static void write(JsonMapper json, HttpServletRequest req, HttpServletResponse res,
                             ResponseEntity<ProblemDetail> answer) throws IOException {
        if (answer.getBody() != null && answer.getBody().getInstance() == null) {
            answer.getBody().setInstance(instance(req.getRequestURI()));
        }
        res.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(v -> res.addHeader(name, v)));
        if (answer.getStatusCode().value() == HttpStatus.UNAUTHORIZED.value()) {
            res.setHeader("WWW-Authenticate", "Bearer");
        }
        res.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(res.getOutputStream(), answer.getBody());
    }

    public static void write(JsonMapper json, HttpServletRequest req, HttpServletResponse res, ProblemDetail problem)
            throws IOException {
        write(json, req, res, ResponseEntity.status(problem.getStatus()).body(problem));
    }

    /** A request path as a problem's {@code instance}; null if it is not a valid URI reference. */
    static java.net.URI instance(String path) {
        try {
            return path == null || path.isEmpty() ? null : java.net.URI.create(path);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** SQLSTATE 23503 somewhere in the causes (other constraint violations are bugs, not races: they stay 500s). */
    private static boolean isForeignKeyViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23503".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> status(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }

    private static List<FieldError> fieldOf(String field, RuntimeException e) {
        return field == null ? List.of() : List.of(new FieldError(field, e.getMessage()));
    }
}
