package dev.rota.ui;

import dev.rota.directory.CurrentUser;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.web.ConflictException;
import dev.rota.web.ForbiddenException;
import dev.rota.web.NotFoundException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.ModelAndView;

/**
 * For every UI page: the viewer re-loaded from the directory (role, seat and zone may have changed
 * since sign-in; a deactivated user is signed out), and errors as pages rather than problem details.
 */
@ControllerAdvice(basePackages = "dev.rota.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiAdvice {

    private static final Logger log = LoggerFactory.getLogger(UiAdvice.class);

    private final Users users;

    UiAdvice(Users users) {
        this.users = users;
    }

    /** Thrown when the signed-in user no longer exists or was deactivated. */
    static final class SessionEnded extends RuntimeException {
        SessionEnded() {
            super("the signed-in user is no longer active, or their password was changed");
        }
    }

    @ModelAttribute("me")
    CurrentUser me(@AuthenticationPrincipal CurrentUser principal, HttpServletRequest request) {
        if (principal == null || request.getDispatcherType() == DispatcherType.ASYNC) {
            return principal;  // the async dispatch that ends a live-event stream renders nothing
        }
        // a password set since this session signed in (by the user elsewhere, or an admin) ends it, as it ends tokens
        User user = users.findStamped(principal.accountId(), principal.userId())
                .filter(UiSecurityConfiguration.SignedIn.current()::stillHolds)
                .map(Users.Stamped::user).orElse(null);
        if (user == null) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
            throw new SessionEnded();
        }
        return new CurrentUser(user.accountId(), user.id(), user.email(), user.name(), user.role(),
                user.permissions(), user.seat(), user.timeZone());
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ExceptionHandler(SessionEnded.class)
    String sessionEnded() {
        return "redirect:/login?ended";
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, HttpServletResponse response, Model model) {
        response.setStatus(404);
        model.addAttribute("problem", "error.notFound");
        return "error-page";
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, HttpServletResponse response, Model model) {
        response.setStatus(409);
        model.addAttribute("problem", "error.conflict");
        return "error-page";
    }

    /** Anything else: a page, never a problem+json body; the cause goes to the log for 5xx. */
    @ExceptionHandler(Exception.class)
    ModelAndView unexpected(Exception e, HttpServletResponse response) {
        if (response.isCommitted()) {
            return new ModelAndView();  // e.g. a live-event client went away: nothing left to render
        }
        int status = e instanceof ErrorResponse er ? er.getStatusCode().value() : 500;
        if (status >= 500) {
            log.error("UI request failed", e);
        }
        response.setStatus(status);
        return new ModelAndView("error-page", java.util.Map.of("problem",
                status >= 500 ? "error.unexpected" : "error.badRequest"));
    }

    @ExceptionHandler(ForbiddenException.class)
    String forbidden(ForbiddenException e, HttpServletResponse response, Model model) {
        response.setStatus(403);
        model.addAttribute("problem", "error.forbidden");
        return "error-page";
    }
}
