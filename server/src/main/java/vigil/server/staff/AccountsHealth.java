package vigil.server.staff;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;
import vigil.server.log.Writer;

/**
 * Not UP while the writer writes but the accounts are not open yet (a first start writing demo-users.txt and its
 * roster): once UP, whoever the file names can log in. While the writer is not writing, its own health says why.
 */
@Component("accountsHealthIndicator")
class AccountsHealth implements HealthIndicator {
    private final OpeningAccounts opening;
    private final Writer writer;

    AccountsHealth(OpeningAccounts opening, Writer writer) {
        this.opening = opening;
        this.writer = writer;
    }

    @Override
    public Health health() {
        if (opening.opened() || writer.state().phase() != Writer.Phase.WRITING) {
            return Health.up().build();
        }
        // Anyone may read this: the problem itself (the database's words, perhaps its SQL) is for the server's log.
        return Health.status(new Status(Status.OUT_OF_SERVICE.getCode(), opening.problem() == null
                ? "opening the staff accounts" : "cannot open the staff accounts; the server's log says why")).build();
    }
}
