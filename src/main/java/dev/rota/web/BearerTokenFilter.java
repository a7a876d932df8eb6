package dev.rota.web;

import dev.rota.directory.CurrentUser;
import dev.rota.directory.SignIn;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Turns {@code Authorization: Bearer <token>} into the request's {@link CurrentUser} — or, for the instance's
 * operator token ({@code ROTA_OPERATOR_TOKEN}), into the operator, who is nobody's user and may only use
 * {@code /api/v1/operator/**}.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String OPERATOR = "OPERATOR";

    private final SignIn signIn;
    private final OperatorToken operator;

    BearerTokenFilter(SignIn signIn, OperatorToken operator) {
        this.signIn = signIn;
        this.operator = operator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (operator.matches(header)) {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    OPERATOR, null, List.of(new SimpleGrantedAuthority("ROLE_" + OPERATOR))));
            chain.doFilter(request, response);
            return;
        }
        signIn.authenticateHeader(header).ifPresent(user ->
                SecurityContextHolder.getContext().setAuthentication(
                        UsernamePasswordAuthenticationToken.authenticated(user, null, authorities(user))));
        chain.doFilter(request, response);
    }

    static List<GrantedAuthority> authorities(CurrentUser user) {
        List<GrantedAuthority> result = new ArrayList<>();
        result.add(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
        user.permissions().forEach(p -> result.add(new SimpleGrantedAuthority(p.name())));
        return result;
    }
}
