package dev.rota.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * What the servlet container forwards its errors to (no handler for a path, a method a path does not take, an error
 * outside Spring MVC): a problem for the API and API clients, the error page for a browser — in place of Spring Boot's
 * own JSON, which is not {@code application/problem+json} and names no field.
 */
@Controller
public class ErrorEndpoint implements org.springframework.boot.webmvc.error.ErrorController {

    /** A request attribute naming the message the error page shows a browser instead of the status's own. */
    public static final String PROBLEM_KEY = "rota.error.problem";

    /** A request attribute naming the form field the error page's message is about (with {@link #PROBLEM_KEY}). */
    public static final String FIELD_KEY = "rota.error.field";

    @RequestMapping("${server.error.path:/error}")
    Object error(HttpServletRequest request, HttpServletResponse response) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // asked for directly, not forwarded to with an error: there is nothing at /error
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 404);
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        String accept = request.getHeader("Accept");
        boolean browser = accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
        if (browser && !path.startsWith("/api/") && !path.startsWith("/v3/") && !path.startsWith("/actuator")) {
            response.setStatus(status.value());
            if (request.getAttribute(PROBLEM_KEY) instanceof String key) {
                return new ModelAndView("error-page", request.getAttribute(FIELD_KEY) instanceof String field
                        ? Map.of("problem", key, "field", field, "back", formPage(request))
                        : Map.of("problem", key), status);
            }
            return new ModelAndView("error-page", Map.of("problem", switch (status) {
                case NOT_FOUND -> "error.notFound";
                case FORBIDDEN -> "error.forbidden";
                case CONFLICT -> "error.conflict";
                default -> status.is5xxServerError() ? "error.unexpected" : "error.badRequest";
            }), status);
        }
        ProblemDetail problem = status == HttpStatus.BAD_REQUEST ? badQuery(request) : null;
        if (problem == null) {
            problem = problem(status, path);
        }
        problem.setInstance(Problems.instance(path)); // the request's path, not /error
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The page the form was on (this site's own, from the Referer), else the inbox. */
    private static String formPage(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        try {
            java.net.URI uri = referer == null ? null : new java.net.URI(referer);
            if (uri != null && request.getServerName().equalsIgnoreCase(uri.getHost()) && uri.getRawPath() != null
                    && uri.getRawPath().startsWith("/")) {
                return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            }
        } catch (java.net.URISyntaxException ignored) {
            // not a URL: the inbox
        }
        return "/inbox";
    }

    /**
     * The container refuses a whole request whose query it cannot decode (a {@code %FF} that is no UTF-8, a lone
     * {@code %}) before any handler sees it: the problem names the first such parameter. Null if the query is fine.
     */
    static ProblemDetail badQuery(HttpServletRequest request) {
        Object q = request.getAttribute(RequestDispatcher.ERROR_QUERY_STRING);
        String query = q instanceof String s ? s : request.getQueryString();
        if (query == null) {
            return null;
        }
        java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String name = decoded(rawName, utf8);
            String value = eq < 0 ? "" : decoded(pair.substring(eq + 1), utf8);
            if (name == null || value == null) {
                String field = name == null ? rawName : name;
                return Problems.invalid(field.length() > 64 ? field.substring(0, 64) : field,
                        "is not valid percent-encoded UTF-8");
            }
        }
        return null;
    }

    /** A query part percent-decoded as UTF-8 ({@code +} a space), or null if it is not valid. */
    private static String decoded(String raw, java.nio.charset.CharsetDecoder utf8) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return null;
                }
                bytes.write(Character.digit(raw.charAt(i + 1), 16) * 16 + Character.digit(raw.charAt(i + 2), 16));
                i += 2;
            } else if (c > 0x7f) {
                bytes.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                bytes.write(c == '+' ? ' ' : c);
            }
        }
        try {
            return utf8.decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    private static ProblemDetail problem(HttpStatus status, String path) {
        return switch (status) {
            case NOT_FOUND -> Problems.problem(status, "not-found", "Not found", "nothing at " + path, List.of());
            case METHOD_NOT_ALLOWED -> Problems.problem(status, "method-not-allowed", "Method not allowed",
                    path + " does not take this method", List.of());
            case BAD_REQUEST -> Problems.problem(status, "invalid-input", "Invalid input",
                    "the request could not be read", List.of());
            default -> Problems.problem(status, status.is5xxServerError() ? "internal" : "error",
                    status.getReasonPhrase(), status.getReasonPhrase(), List.of());
        };
    }
}
