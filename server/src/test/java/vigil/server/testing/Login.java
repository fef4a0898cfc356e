package vigil.server.testing;

import java.net.http.HttpRequest;

/**
 * How a test client says who it is: the one place to change when the way staff log in changes. Today the
 * {@code Vigil-Actor: ROLE id [bcu]} header of the placeholder login.
 */
public final class Login {
    private Login() {}

    /** {@code request}, sent as {@code who} (e.g. {@link Commands#CALL_HANDLER}); unchanged when {@code who} is null. */
    public static HttpRequest.Builder as(HttpRequest.Builder request, String who) {
        return who == null ? request : request.header("Vigil-Actor", who);
    }
}
