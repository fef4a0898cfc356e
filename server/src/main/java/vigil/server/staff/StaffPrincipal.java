package vigil.server.staff;

import java.io.Serializable;
import java.security.Principal;
import vigil.core.Actor;

/**
 * Who is logged in: the account as it stood when its password was checked. A login carried by a session is older than
 * its request, so {@link AccountActor} reads the account again unless the check was made in this very request.
 */
public record StaffPrincipal(StaffAccounts.Account account) implements Principal, Serializable {
    /** The request attribute naming the principal whose password this request checked. */
    static final String CHECKED_IN_THIS_REQUEST = StaffPrincipal.class.getName() + ".checked";

    /** The engine's actor: a unit's terminal acts as its unit, anyone else as the member of staff. */
    public Actor actor() {
        StaffAccounts.Account a = account;
        return a.unitId() != null ? Actor.unit(a.unitId()) : new Actor(a.username(), a.role(), a.bcu());
    }

    @Override
    public String getName() {
        return account.username();
    }
}
