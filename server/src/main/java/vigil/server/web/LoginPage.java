package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vigil.server.staff.CurrentActor;

/** The login page (its form posts to {@code /login}, checked by Spring Security) and {@code /}: your own work. */
@Controller
class LoginPage {
    private final CurrentActor actors;

    LoginPage(CurrentActor actors) {
        this.actors = actors;
    }

    @GetMapping("/login")
    String login(@RequestParam(name = "error", required = false) String error,
                 @RequestParam(name = "logout", required = false) String logout,
                 @RequestParam(name = "ended", required = false) String ended,
                 @RequestParam(name = "busy", required = false) String busy, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("busy", busy != null);
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("ended", ended != null);
        return "login";
    }

    @GetMapping("/")
    String home(HttpServletRequest request) {
        return actors.of(request).map(a -> "redirect:" + Who.of(a).landing()).orElse("redirect:/login");
    }
}
