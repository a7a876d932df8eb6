package dev.rota.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Query and form parameters never hold the NUL character (PostgreSQL's text cannot): refused here for every page
 * and API call alike — for the API as a problem naming the parameter, for a page with the error page naming it. JSON bodies
 * are checked field by field by {@link Body}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class NulParameterFilter extends OncePerRequestFilter {

    private final JsonMapper json;

    NulParameterFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            for (String value : parameter.getValue()) {
                if (value.indexOf('\u0000') >= 0 || parameter.getKey().indexOf('\u0000') >= 0) {
                    if (request.getRequestURI().startsWith("/api/")) {
                        Problems.write(json, request, response, Problems.invalid(parameter.getKey().replace('\u0000', '?'),
                                "must not contain the NUL character (U+0000)"));
                    } else {
                        // a page: the error page names the field and goes back to the form, which the browser
                        // still holds as it was filled in (each form checking for NUL by itself would be many checks)
                        request.setAttribute(ErrorEndpoint.PROBLEM_KEY, "error.nul");
                        request.setAttribute(ErrorEndpoint.FIELD_KEY, parameter.getKey().replace('\u0000', '?'));
                        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
                    }
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}
