package vigil.core.engine;

import static vigil.core.Role.ADMIN;
import static vigil.core.Role.DUTY_OFFICER;

import vigil.core.Command.ConfirmGuidance;
import vigil.core.Command.PublishGuidance;
import vigil.core.Event.GuidanceConfirmed;
import vigil.core.Event.GuidancePublished;
import vigil.core.Reason;
import vigil.core.Role;

/**
 * Guidance read and understood (Vigil's addition, after the seed's SOP "disseminated … to all staff and responses
 * recorded when the guidance has been read"): an {@code ADMIN} or {@code DUTY_OFFICER} publishes it for some roles;
 * each member of staff holding one of them confirms it, once. A confirmation by someone it is not for is refused, so
 * the record of who has read it says only what is true. Reminders are in {@link GuidanceChanges}.
 */
final class Guidance {
    private Guidance() {}

    static void publish(Decision d, PublishGuidance c) {
        if (!d.permitted()) {
            return;
        }
        if (c.roles().isEmpty() || c.roles().contains(Role.UNIT)) {
            d.reject(Reason.INVALID_STATE, "guidance is for one or more roles of staff (not UNIT)");
            return;
        }
        if (d.room.guidance.containsKey(c.guidanceId())) {
            d.reject(Reason.DUPLICATE_ID, "guidance " + c.guidanceId() + " is already published");
            return;
        }
        d.emit(new GuidancePublished(c.guidanceId(), c.title(), c.text(), c.roles().stream().distinct().toList()));
    }

    static void confirm(Decision d, ConfirmGuidance c) {
        GuidanceState g = d.room.guidance.get(c.guidanceId());
        if (g == null) {
            d.reject(Reason.UNKNOWN_GUIDANCE, "no guidance " + c.guidanceId());
            return;
        }
        Role role = d.by().role();
        if (!g.isFor(role)) {
            d.reject(Reason.NOT_PERMITTED, "guidance " + g.id + " is for " + g.roles + ", not for " + role + " "
                    + d.by().id());
            return;
        }
        if (g.confirmed.containsKey(d.by().id())) {
            d.reject(Reason.INVALID_STATE, d.by().id() + " has already confirmed guidance " + g.id);
            return;
        }
        d.emit(new GuidanceConfirmed(g.id, d.by().id()));
    }
}
