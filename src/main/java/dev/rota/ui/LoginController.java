package dev.rota.ui;

import dev.rota.directory.CurrentUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page; Spring Security's form login handles the POST. */
@Controller
class LoginController {

    @GetMapping("/login")
    String login(@AuthenticationPrincipal Object principal) {
        // an anonymous visitor's principal is a plain string
        return principal instanceof CurrentUser ? "redirect:/inbox" : "login";
    }
}
