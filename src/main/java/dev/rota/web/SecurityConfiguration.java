package dev.rota.web;

import dev.rota.directory.SignIn;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import tools.jackson.databind.json.JsonMapper;

/** The API authenticates with bearer tokens and keeps no session; its errors are problem details. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * No observation per security filter: it wrapped each of the chain's dozen filters on every request
     * (a third of an API call's CPU under load). Requests are still measured as http.server.requests.
     */
    @Bean
    static org.springframework.security.config.observation.SecurityObservationSettings securityObservations() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, SignIn signIn, JsonMapper json, OperatorToken operatorToken)
            throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenFilter(signIn, operatorToken), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // an event stream's end resumes a request authorized when it began; its token may be gone
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/api/v1/auth/tokens", "/api/v1/signup").permitAll()
                        .requestMatchers("/api/v1/operator/**").hasRole(BearerTokenFilter.OPERATOR)
                        // the operator is nobody's user: the account's own endpoints are for users only
                        .anyRequest().hasAnyRole("SUPER_ADMIN", "USER"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> Problems.write(json, req, res, Problems.unauthenticated()))
                        .accessDeniedHandler((req, res, ex) -> Problems.write(json, req, res, Problems.of(ex))));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain publicEndpoints(HttpSecurity http) throws Exception {
        http.securityMatcher("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/actuator/health/**",
                        "/actuator/health", "/actuator/info")
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }
}
