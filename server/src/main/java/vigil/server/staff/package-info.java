/**
 * Staff: accounts (bcrypt, one role, a BCU, an email address, a unit for a unit's terminal) in {@code staff_account},
 * login (HTTP Basic for the API, a form with CSRF for pages), the security headers ({@link
 * vigil.server.staff.SecurityHeaders}) and the problems written outside Spring MVC with them ({@link
 * vigil.server.staff.ProblemWriter}: a login or the firewall refusing, the container's own errors), the accounts a
 * room opens with (demo-users.txt), who may see victim details (and the record of each such read), and the logged-in
 * account as the engine's actor ({@link vigil.server.staff.CurrentActor}). What an account may do is the roster's
 * business, decided by the engine. Uses the writer (to add the demo roster and read the roster) and the configuration.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Staff", allowedDependencies = {"log", "config"})
package vigil.server.staff;
