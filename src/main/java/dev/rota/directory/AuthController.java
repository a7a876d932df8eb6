package dev.rota.directory;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import dev.rota.web.Body;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.ZoneId;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Sign-in for API clients (tokens) and self-service sign-up. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Authentication")
class AuthController {

    private final SignIn signIn;

    AuthController(SignIn signIn) {
        this.signIn = signIn;
    }

    record TokenResponse(String token, UUID accountId, UUID userId) {
    }

    // request bodies as documented: read field by field with Body, which springdoc cannot see

    @Schema(name = "SignIn")
    record SignInDoc(@Schema(requiredMode = REQUIRED, maxLength = 254) String email,
                     @Schema(requiredMode = REQUIRED, maxLength = 200) String password,
                     @Schema(description = "the account, when the email is a user in several") UUID accountId) {
    }

    @Schema(name = "SignUp")
    record SignUpDoc(@Schema(requiredMode = REQUIRED, maxLength = 200) String accountName,
                     @Schema(requiredMode = REQUIRED, maxLength = 200, description = "of the first super admin")
                     String name,
                     @Schema(requiredMode = REQUIRED, format = "email", maxLength = 254) String email,
                     @Schema(requiredMode = REQUIRED, minLength = 8, maxLength = 200) String password,
                     @Schema(maxLength = 64, example = "Europe/Amsterdam", defaultValue = "UTC",
                             description = "the account's, an IANA time zone") String timeZone) {
    }

    @PostMapping("/auth/tokens")
    @ApiResponse(responseCode = "201", description = "signed in: the bearer token")
    @ApiResponse(responseCode = "401", description = "wrong email or password", content = @Content(
            mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "429", description = "too many failed attempts; try again after Retry-After seconds",
            content = @Content(mediaType = "application/problem+json",
                    schema = @Schema(ref = "#/components/schemas/Problem")))
    ResponseEntity<TokenResponse> createToken(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = SignInDoc.class)))
            @RequestBody JsonNode json, HttpServletRequest request) {
        Body body = Body.of(json, "email", "password", "accountId");
        String email = body.requiredText("email", 254);
        if (!body.present("password")) {
            body.error("password", "is required");
        }
        String password = body.secret("password", 200);
        UUID accountId = body.id("accountId");
        body.validate();
        SignIn.IssuedToken t = signIn.issueToken(email, password, accountId, request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(new TokenResponse(t.token(), t.accountId(), t.userId()));
    }

    /** Revokes the token used for this call (sign out). */
    @DeleteMapping("/auth/tokens/current")
    @ApiResponse(responseCode = "204", description = "signed out")
    ResponseEntity<Void> revoke(@RequestHeader("Authorization") String authorization) {
        signIn.revoke(authorization.substring(7).trim());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/signup")
    @ApiResponse(responseCode = "201", description = "the account, its super admin and a bearer token")
    ResponseEntity<TokenResponse> signUp(
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = SignUpDoc.class)))
            @RequestBody JsonNode json, HttpServletRequest request) {
        Body body = Body.of(json, "accountName", "name", "email", "password", "timeZone");
        String accountName = body.requiredText("accountName", 200);
        String name = body.requiredText("name", 200);
        String email = body.email("email", true);
        if (!body.present("password")) {
            body.error("password", "is required"); // else an account nobody could ever sign in to
        }
        String password = DirectoryController.password(body);
        ZoneId zone = body.zone("timeZone", false);
        body.validate();
        SignIn.IssuedToken t = signIn.signUp(accountName, name, email, password, zone == null ? ZoneId.of("UTC") : zone,
                request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(new TokenResponse(t.token(), t.accountId(), t.userId()));
    }

    @ExceptionHandler(BadCredentialsException.class)
    ProblemDetail badCredentials(BadCredentialsException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        p.setType(URI.create("https://rota.dev/problems/bad-credentials"));
        p.setTitle("Unauthenticated");
        return p;
    }

    @ExceptionHandler(TooManyAttemptsException.class)
    ResponseEntity<ProblemDetail> tooMany(TooManyAttemptsException e) {
        return tooManyAttempts(e);
    }

    /** 429 with Retry-After: sign-ins, and wrong current passwords when setting one's own (DirectoryController). */
    static ResponseEntity<ProblemDetail> tooManyAttempts(TooManyAttemptsException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        p.setType(URI.create("https://rota.dev/problems/too-many-attempts"));
        p.setTitle("Too many attempts");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header("Retry-After", Long.toString(e.retryAfterSeconds())).body(p);
    }
}
