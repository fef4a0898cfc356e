package vigil.server.staff;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 * username, the stored hash and the password: the password itself is never kept, and a new hash forgets it.
 */
@Component
class StaffLogin implements AuthenticationProvider {
    /** Bound on remembered proofs; past it they are forgotten (and each login pays bcrypt once more). */
    private static final int MAX_REMEMBERED = 10_000;
    private final StaffAccounts accounts;
    private final byte[] key = new byte[32];
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    /** Checked when there is no account (or no password), so a wrong username costs what a wrong password does. */
    private final String decoy;

    StaffLogin(StaffAccounts accounts) {
        this.accounts = accounts;
        new SecureRandom().nextBytes(key);
        this.decoy = accounts.bcrypt.encode(StaffAccounts.randomPassword());
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
            accounts.bcrypt.matches(password, decoy);
            throw new BadCredentialsException("bad credentials");
        }
        StaffAccounts.Account a = stored.get().account();
        String hash = stored.get().passwordHash();
        byte[] proof = proof(username, hash, password);
        if (!MessageDigest.isEqual(proof, verified.get(username))) {
            if (password.getBytes(StandardCharsets.UTF_8).length > StaffAccounts.MAX_PASSWORD_BYTES
                    || !accounts.bcrypt.matches(password, hash)) {
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
