/**
 * Notices and email (docs/adr/080, 081): the {@link vigil.server.notice.Notifier} follows the event log from its own
 * recorded position and turns every addressed event (an alert's {@code notifies}, a scheme's OIC, a divert's
 * despatcher, guidance and its reminders) into one notice per recipient, from the roster as it stood at that event, with
 * texts from the templates in {@code resources/notices}; the {@link vigil.server.notice.Mailer} sends each notice to a
 * recipient with an address, and each signed checkpoint to {@code VIGIL_AUDIT_EMAIL}, through Spring's mail support,
 * retrying with exponential backoff and recording every attempt; {@link vigil.server.notice.Notices} is the mailbox the
 * API reads and the source of the live stream's {@code notice} frames. Uses the log (committed reads, commit news), the
 * database, the configuration, the staff accounts (email addresses), the live stream and the audit's checkpoints.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Notices and email",
        allowedDependencies = {"log", "db", "config", "staff", "live", "audit"})
package vigil.server.notice;
