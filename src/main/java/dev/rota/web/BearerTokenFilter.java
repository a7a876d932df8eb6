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

/** Turns {@code Authorization: Bearer <token>} into the request's {@link CurrentUser}. */
class BearerTokenFilter extends OncePerRequestFilter {

    private final SignIn signIn;

    BearerTokenFilter(SignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        signIn.authenticateHeader(request.getHeader("Authorization")).ifPresent(user ->
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
