package dev.rota.ui;

import dev.rota.directory.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security's form login handles the POST. */
@Controller
class LoginController {

    /** The refusals the page explains; any other code (an old or made-up link) reads as wrong credentials. */
    private static final java.util.Set<String> ERRORS = java.util.Set.of("credentials", "throttled", "ambiguous");

    @GetMapping("/login")
    String login(@AuthenticationPrincipal Object principal, jakarta.servlet.http.HttpSession session,
                 org.springframework.ui.Model model,
                 @org.springframework.web.bind.annotation.RequestParam(required = false) String error) {
        if (error != null) {
            model.addAttribute("errorKey", "login.error." + (ERRORS.contains(error) ? error : "credentials"));
        }
        // an anonymous visitor's principal is a plain string
        if (principal instanceof CurrentUser) {
            return "redirect:/inbox";
        }
        if (session.getAttribute(UiSecurityConfiguration.ACCOUNT_CHOICES)
                instanceof UiSecurityConfiguration.AccountChoices choices) {
            // offered once: the next attempt asks again if it is still needed
            session.removeAttribute(UiSecurityConfiguration.ACCOUNT_CHOICES);
            model.addAttribute("choices", choices);
        }
        return "login";
    }
}
