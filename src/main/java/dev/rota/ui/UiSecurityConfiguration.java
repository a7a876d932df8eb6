package dev.rota.ui;

import dev.rota.directory.CurrentUser;
import dev.rota.directory.SignIn;
import dev.rota.directory.TooManyAttemptsException;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The UI signs in with a form and keeps a session (CSRF on). It covers every path the API chain
 * (order 1) and the public endpoints (order 3) do not; the principal is the {@link CurrentUser}.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    /** Paths other chains own; kept in step with {@code dev.rota.web.SecurityConfiguration}. */
    private static final List<String> OTHER_CHAINS = List.of("/api/**", "/v3/api-docs/**", "/swagger-ui/**",
            "/swagger-ui.html", "/actuator/health/**", "/actuator/health", "/actuator/info");

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, SignIn signIn, dev.rota.directory.Users users) throws Exception {
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher others = new OrRequestMatcher(OTHER_CHAINS.stream()
                .map(p -> (RequestMatcher) paths.matcher(p)).toList());
        http.securityMatcher(new NegatedRequestMatcher(others))
                .authenticationProvider(new PasswordSignIn(signIn, users))
                .authorizeHttpRequests(auth -> auth
                        // an event stream's end resumes a request authorized when it began; its token may be gone
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon.svg", "/error").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage("/login").permitAll()
                        .usernameParameter("email")
                        .authenticationDetailsSource(request -> new LoginDetails(request.getRemoteAddr(),
                                dev.rota.platform.Ids.parseOrNull(request.getParameter("account"))))
                        .defaultSuccessUrl("/inbox", false)
                        .failureHandler((request, response, e) -> {
                            // the login page then asks which account, for this email only
                            if (e instanceof SignInRefused r && !r.choices.isEmpty()) {
                                request.getSession().setAttribute(ACCOUNT_CHOICES,
                                        new AccountChoices(request.getParameter("email"), r.choices));
                            }
                            response.sendRedirect(request.getContextPath() + "/login?error=" + SignInRefused.codeOf(e));
                        }))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout").permitAll())
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
                    // a form without a valid token: most often a page left open past the session, not a lack of rights
                    if (denied instanceof org.springframework.security.web.csrf.CsrfException) {
                        request.setAttribute(dev.rota.web.ErrorEndpoint.PROBLEM_KEY, "error.csrf");
                    }
                    response.sendError(403);
                }));
        return http.build();
    }

    /** Publishes sessions' ends as application events (sign-out, timeout): their live streams end with them. */
    @Bean
    static org.springframework.security.web.session.HttpSessionEventPublisher httpSessionEvents() {
        return new org.springframework.security.web.session.HttpSessionEventPublisher();
    }

    /** A web session's sign-in: the stamp of the password it was made with (a new password ends the session). */
    record SignedIn(String credentialsStamp) implements java.io.Serializable {

        /** The current request's session's sign-in; one that never holds when it has none (made before stamps). */
        static SignedIn current() {
            Authentication auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                    .getAuthentication();
            return auth != null && auth.getDetails() instanceof SignedIn s ? s : new SignedIn(null);
        }

        /** The user is still active, with the password this session signed in with. */
        boolean stillHolds(dev.rota.directory.Users.Stamped user) {
            return user.user().active() && user.credentialsStamp().equals(credentialsStamp);
        }
    }

    /** Where a sign-in comes from, and the account chosen on the form when the email is in several. */
    record LoginDetails(String remoteAddress, UUID accountId) {
    }

    /** The session attribute with the accounts an email and password opened, for the login page to offer. */
    static final String ACCOUNT_CHOICES = "rota.login.accountChoices";

    record AccountChoices(String email, List<SignIn.AccountChoice> accounts) implements java.io.Serializable {
    }

    /** Checks email and password through {@link SignIn}, which also throttles failures. */
    static final class PasswordSignIn implements AuthenticationProvider {

        private final SignIn signIn;
        private final dev.rota.directory.Users users;

        PasswordSignIn(SignIn signIn, dev.rota.directory.Users users) {
            this.signIn = signIn;
            this.users = users;
        }

        @Override
        public Authentication authenticate(Authentication authentication) {
            String email = authentication.getName();
            String password = String.valueOf(authentication.getCredentials());
            LoginDetails details = authentication.getDetails() instanceof LoginDetails d ? d
                    : new LoginDetails(null, null);
            try {
                CurrentUser user = signIn.verify(email, password, details.accountId(), details.remoteAddress());
                UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(user,
                        null, List.of());
                signedIn.setDetails(new SignedIn(users.findStamped(user.accountId(), user.userId())
                        .map(dev.rota.directory.Users.Stamped::credentialsStamp).orElse("")));
                return signedIn;
            } catch (TooManyAttemptsException e) {
                throw new SignInRefused("throttled", e.getMessage(), List.of());
            } catch (SignIn.SeveralAccounts e) {
                throw new SignInRefused("ambiguous", e.getMessage(), e.choices());
            }
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }

    /** A refusal other than wrong credentials, with the code the login page explains. */
    static final class SignInRefused extends AuthenticationException {

        private final String code;
        private final transient List<SignIn.AccountChoice> choices;

        SignInRefused(String code, String message, List<SignIn.AccountChoice> choices) {
            super(message);
            this.code = code;
            this.choices = choices;
        }

        static String codeOf(AuthenticationException e) {
            return e instanceof SignInRefused r ? r.code : "credentials";
        }
    }
}
