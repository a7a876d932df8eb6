package dev.rota.ui;

import dev.rota.directory.CurrentUser;
import dev.rota.directory.User;
import dev.rota.directory.Users;
import dev.rota.web.ForbiddenException;
import dev.rota.web.NotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * For every UI page: the viewer re-loaded from the directory (role, seat and zone may have changed
 * since sign-in; a deactivated user is signed out), and errors as pages rather than problem details.
 */
@ControllerAdvice(basePackages = "dev.rota.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiAdvice {

    private final Users users;

    UiAdvice(Users users) {
        this.users = users;
    }

    /** Thrown when the signed-in user no longer exists or was deactivated. */
    static final class SessionEnded extends RuntimeException {
        SessionEnded() {
            super("the signed-in user is no longer active");
        }
    }

    @ModelAttribute("me")
    CurrentUser me(@AuthenticationPrincipal CurrentUser principal, HttpServletRequest request) {
        if (principal == null) {
            return null;
        }
        User user = users.find(principal.accountId(), principal.userId()).filter(User::active).orElse(null);
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

    @ExceptionHandler(ForbiddenException.class)
    String forbidden(ForbiddenException e, HttpServletResponse response, Model model) {
        response.setStatus(403);
        model.addAttribute("problem", "error.forbidden");
        return "error-page";
    }
}
