package vigil.server.staff;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import vigil.core.Actor;

/**
 * The logged-in account as the engine's actor: nothing the request says can change who it is. A login carried over
 * from an earlier request (a page's session) is checked against the account again, so a disabled account stops at
 * once; a login checked in this request (HTTP Basic) is not read twice.
 */
@Component
class AccountActor implements CurrentActor {
    private final StaffAccounts accounts;

    AccountActor(StaffAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public Optional<Actor> of(HttpServletRequest request) {
        Authentication a = SecurityContextHolder.getContext().getAuthentication();
        if (a == null || !a.isAuthenticated() || !(a.getPrincipal() instanceof StaffPrincipal p)) {
            return Optional.empty();
        }
        if (request.getAttribute(StaffPrincipal.CHECKED_IN_THIS_REQUEST) == p) {
            return Optional.of(p.actor());
        }
        return accounts.find(p.getName()).filter(StaffAccounts.Account::enabled)
                .map(now -> new StaffPrincipal(now).actor());
    }
}
