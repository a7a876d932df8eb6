package dev.rota.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;

/** Spring MVC's side of the error model ({@link Problems}): the service's exceptions and MVC's own. */
@RestControllerAdvice(basePackages = "dev.rota")
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
        return Problems.problem(status, type, title, detail, errors);
    }

    /** The service's own exceptions, and anything unforeseen (logged, 500): mapped by {@link Problems#of}. */
    @ExceptionHandler({InvalidInputException.class, ConflictException.class, DuplicateKeyException.class,
            org.springframework.dao.ConcurrencyFailureException.class, NotFoundException.class, ForbiddenException.class,
            AccessDeniedException.class, IllegalArgumentException.class, Exception.class})
    ResponseEntity<ProblemDetail> handle(Exception e) {
        return Problems.of(e);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InvalidInputException tooLarge && "body".equals(tooLarge.errors().get(0).field())) {
                return handleExceptionInternal(ex, Problems.of(tooLarge).getBody(), headers, HttpStatus.BAD_REQUEST,
                        request); // RequestBodies' limit, met while the body was read
            }
        }
        Throwable cause = ex.getMostSpecificCause();
        String field = "body";
        String message = "malformed JSON";
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof JacksonException je && !je.getPath().isEmpty()) {
                field = jsonPath(je.getPath());
                message = describe(je, cause);
                break;
            }
        }
        if ("body".equals(field) && cause instanceof JacksonException je) {
            message = RequestBodies.malformed(je);
        }
        if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            message = "a JSON body is required";
        }
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", field + ": " + message,
                List.of(new FieldError(field, message)));
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String describe(JacksonException je, Throwable cause) {
        if (cause instanceof InvalidInputException iie) {
            return iie.errors().get(0).message();
        }
        if (cause instanceof IllegalArgumentException || cause instanceof java.time.DateTimeException) {
            return cause.getMessage();
        }
        String original = je.getOriginalMessage();
        if (original != null && original.contains("not one of the values accepted for Enum class")) {
            int bracket = original.indexOf("not one of the values accepted for Enum class");
            String accepted = original.substring(original.lastIndexOf('['));
            return "unknown value; accepted: " + accepted.replace("]", "]").trim() + (bracket < 0 ? "" : "");
        }
        return original == null ? "invalid value" : original.split("\n")[0];
    }

    static String jsonPath(List<JacksonException.Reference> path) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : path) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getBindingResult().getFieldErrors().forEach(fe -> errors.add(new FieldError(fe.getField(), fe.getDefaultMessage())));
        ex.getBindingResult().getGlobalErrors().forEach(ge -> errors.add(new FieldError(ge.getObjectName(), ge.getDefaultMessage())));
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message(), errors);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex, HttpHeaders headers,
                                                                            HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err ->
                errors.add(new FieldError(r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                errors.isEmpty() ? "invalid input" : errors.get(0).field() + ": " + errors.get(0).message(), errors);
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
        String message = "invalid value " + Body.quote(String.valueOf(ex.getValue()));
        ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", field + ": " + message,
                List.of(new FieldError(field, message)));
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Spring MVC's own problems (415, 406, 405, …) typed like ours: {@code https://rota.dev/problems/<reason>}
     * and a sentence-case title, instead of {@code about:blank}.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> answer = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (answer != null && answer.getBody() instanceof ProblemDetail problem && (problem.getType() == null
                || "about:blank".equals(problem.getType().toString()))) {
            HttpStatus status = HttpStatus.resolve(answer.getStatusCode().value());
            if (status != null) {
                String reason = status.getReasonPhrase();
                problem.setType(java.net.URI.create("https://rota.dev/problems/"
                        + reason.toLowerCase(java.util.Locale.ROOT).replace(' ', '-')));
                problem.setTitle(reason.charAt(0) + reason.substring(1).toLowerCase(java.util.Locale.ROOT));
            }
        }
        return answer;
    }
}
