package vigil.core;

/**
 * Who must see an alert: one member of staff ({@code staffId}), or everyone holding {@code role} (in {@code bcu}
 * when given). The server delivers it as a notice and an email.
 */
public record Recipient(String staffId, Role role, String bcu) {
    public static Recipient staff(String staffId) {
        return new Recipient(staffId, null, null);
    }

    public static Recipient role(Role role) {
        return new Recipient(null, role, null);
    }

    public static Recipient role(Role role, String bcu) {
        return new Recipient(null, role, bcu);
    }
}
