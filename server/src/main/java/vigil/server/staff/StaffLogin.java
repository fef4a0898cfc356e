package vigil.server.staff;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Checks a username and password against {@link StaffAccounts}, reading the account on every check, so a changed
 * password or a disabled account counts on the next request. bcrypt costs about 100 ms of CPU a check, too much for
 * HTTP Basic on every request, so a password once verified is remembered as an HMAC (key random per process) of the
 * username, the stored hash and the password: the password itself is never kept, and a new hash forgets it. Requests
 * that arrive together with the same credentials not yet remembered (a client opening its connections at once) share
 * one bcrypt check rather than each paying for its own. Each check is counted ({@code vigil.logins.checked}, by
 * outcome): a rising count of wrong ones is someone guessing.
 *
 * <p>Anyone who can reach the port may make the server check a password, with no login. Requests run on virtual
 * threads, whose carriers are one per core: enough wrong passwords at once filled every carrier with bcrypt and held
 * every other request, a despatcher's remembered login's among them, until the guessing stopped (audit 6). So at most
 * half the cores (at least one) check passwords at once; a check that cannot start within {@link #WAIT} is the 503 of
 * a login that cannot be checked now (retryable), and the room's remembered logins and sessions never wait for it.
 */
@Component
class StaffLogin implements AuthenticationProvider {
    /** Bound on remembered proofs; past it they are forgotten (and each login pays bcrypt once more). */
    private static final int MAX_REMEMBERED = 10_000;
    /** How long a login waits for a turn to check its password before it is asked to come back. */
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Turns to check a password: a waiting virtual thread leaves its carrier to the room's other requests. */
    private final Semaphore checkers = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors() / 2), true);
    private final StaffAccounts accounts;
    private final byte[] key = new byte[32];
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    /** Checked when there is no account (or no password), so a wrong username costs what a wrong password does. */
    private final String decoy;
    /** The bcrypt checks running now, by the proof they would prove: a request with the same credentials waits. */
    private final Map<String, CompletableFuture<Boolean>> checking = new ConcurrentHashMap<>();
    private final Counter right;
    private final Counter wrong;

    StaffLogin(StaffAccounts accounts, MeterRegistry registry) {
        this.accounts = accounts;
        new SecureRandom().nextBytes(key);
        this.decoy = accounts.bcrypt.encode(StaffAccounts.randomPassword());
        this.right = checks(registry, "right");
        this.wrong = checks(registry, "wrong");
    }

    private static Counter checks(MeterRegistry registry, String outcome) {
        return Counter.builder("vigil.logins.checked").description("passwords checked with bcrypt (a login not"
                + " remembered), by outcome").tag("outcome", outcome).register(registry);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        Optional<StaffAccounts.Stored> stored;
        try {
            stored = StaffAccounts.validUsername(username) ? accounts.stored(username) : Optional.empty();
        } catch (DataAccessException e) {
            throw new AuthenticationServiceException("the accounts cannot be read", e);
        }
        if (stored.isEmpty() || stored.get().passwordHash() == null) {
            check(proof(username, decoy, password), password, decoy);
            throw new BadCredentialsException("bad credentials");
        }
        StaffAccounts.Account a = stored.get().account();
        String hash = stored.get().passwordHash();
        byte[] proof = proof(username, hash, password);
        if (!MessageDigest.isEqual(proof, verified.get(username))) {
            if (password.getBytes(StandardCharsets.UTF_8).length > StaffAccounts.MAX_PASSWORD_BYTES
                    || !check(proof, password, hash)) {
                throw new BadCredentialsException("bad credentials");
            }
            if (verified.size() >= MAX_REMEMBERED) {
                verified.clear();
            }
            verified.put(username, proof);
        }
        if (!a.enabled()) {
            throw new DisabledException("account disabled");
        }
        StaffPrincipal principal = new StaffPrincipal(a);
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) { // so the account is not read twice in this request (AccountActor)
            request.setAttribute(StaffPrincipal.CHECKED_IN_THIS_REQUEST, principal, RequestAttributes.SCOPE_REQUEST);
        }
        return UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + a.role().name())));
    }

    /** bcrypt's answer, from this request's own check or from the one running now for the same proof. */
    private boolean check(byte[] proof, String password, String hash) {
        String id = Base64.getEncoder().encodeToString(proof);
        CompletableFuture<Boolean> mine = new CompletableFuture<>();
        CompletableFuture<Boolean> running = checking.putIfAbsent(id, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) { // the other request's check failed, so this one's did too: its cause
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            if (!checkers.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AuthenticationServiceException("too many passwords being checked at once");
            }
            try {
                boolean matches = accounts.bcrypt.matches(password, hash);
                (matches ? right : wrong).increment();
                mine.complete(matches);
                return matches;
            } finally {
                checkers.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            AuthenticationServiceException notChecked = new AuthenticationServiceException("interrupted", e);
            mine.completeExceptionally(notChecked);
            throw notChecked;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(id, mine);
        }
    }

    private byte[] proof(String username, String hash, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((username + '\n' + hash + '\n').getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
