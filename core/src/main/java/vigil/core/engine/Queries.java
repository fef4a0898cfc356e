package vigil.core.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import vigil.core.Command.UnitStatus;
import vigil.core.Grade;
import vigil.core.Location;
import vigil.core.Recipient;
import vigil.core.Role;

/** Read-only questions about the live state. Answers are copies: they do not change as the engine moves on. */
public final class Queries {
    private final Room room;
    private final UnitFinder finder;

    Queries(Room room, UnitFinder finder) {
        this.room = room;
        this.finder = finder;
    }

    /** An incident as it stands. {@code unresourced}: open, unattended and no unit committed (in the queue). */
    public record IncidentView(String id, String callId, Grade grade, Instant createdAt, Instant targetAt,
                               Instant attendedAt, boolean closed, List<String> committedUnits, boolean divertTagged,
                               boolean unresourced, boolean reallocationRequested, String bcu) {}

    /**
     * An incident as its pages show it: the queue's view, its type and domestic flag, the active schemes its calls
     * matched, whether its attendance warning and breach have been raised under its present grade (and it is still
     * unattended and open), and every divert from it with where the protocol stands ({@code AWAITING_REVIEW},
     * {@code APPROVED}, {@code OVERRIDDEN}, {@code OVERRIDE_CHALLENGED}, {@code OVERRIDE_UPHELD},
     * {@code DIVERT_ALLOWED}).
     */
    public record IncidentDetail(IncidentView view, String type, Boolean domestic, List<String> schemeIds,
                                 boolean warned, boolean breached, List<DivertView> diverts) {}

    /** One divert of a unit away from an incident. */
    public record DivertView(String unitId, String toIncidentId, Instant at, String stage, boolean reviewOverdue) {}

    /** A scheme a caller's line or address matches: how, the grade it asks for, its instructions; when withdrawn. */
    public record SchemeHit(String schemeId, vigil.core.Event.MatchedOn matchedOn, Grade requiredGrade,
                            String instructions, Instant withdrawnAt) {}

    /**
     * What recording a call with this CLI and address would find, found by the same matching as {@code RecordCall}'s
     * but recording nothing (for the call handler's screen while the call is being taken): the active schemes it
     * matches, those withdrawn within the history window, and the earlier calls sharing either (how many, the most
     * recent ids, whether any led to a domestic incident). {@code cli} as normalised (E.164 when it parses).
     */
    public record CallerCheck(String cli, List<SchemeHit> schemes, List<SchemeHit> withdrawn, int previousCalls,
                              List<String> previousCallIds, boolean domestic) {}

    public record UnitView(String id, String callSign, String bcu, Location location, UnitStatus status,
                           String committedTo, boolean acknowledged, boolean atScene) {}

    /** A member of staff on the roster, with the role and BCU the engine checks commands against. */
    public record StaffView(String id, Role role, String bcu) {}

    /**
     * A special scheme as it stands: the form (Form 4564, victim details included: the caller decides who may see
     * them), its status ({@code REQUESTED}, {@code REJECTED}, {@code ACTIVE}, {@code WITHDRAWN}), its dates, and
     * whether its end passed without a decision or the victim was not told in time.
     */
    public record SchemeView(String id, String status, String address, List<String> clis, String victimName,
                             vigil.core.Command.ContactPreference preferredContact, String oic, String bcu,
                             String crimeRef, String instructions, Grade requiredGrade, Instant activatedAt,
                             Instant maxUntil, Instant firstReviewAt, Instant firstStageReviewSentAt,
                             boolean reviewOverdue, boolean contactOverdue, Instant victimInformedAt,
                             Instant withdrawnAt, int contactAttempts) {}

    /**
     * An alert the engine raised that still waits on someone, named by the alert event's type and what it is about,
     * addressed as the engine addresses that alert.
     */
    public record AlertView(String type, String incidentId, String unitId, String schemeId, Recipient notifies) {}

    /** Every guidance published, in the order it was, as it stands now. */
    public List<GuidanceView> guidance() {
        return GuidanceView.all(room);
    }

    public Optional<IncidentView> incident(String id) {
        return Optional.ofNullable(room.incidents.get(id)).map(Queries::view);
    }

    public Optional<IncidentDetail> incidentDetail(String id) {
        return Optional.ofNullable(room.incidents.get(id)).map(Queries::detail);
    }

    /** {@link #openIncidents()} in detail, in the same order. */
    public List<IncidentDetail> openIncidentDetails() {
        return room.incidents.values().stream().filter(IncidentState::open).sorted(IncidentState.QUEUE_ORDER)
                .map(Queries::detail).toList();
    }

    /** The matches a call with {@code cli} and {@code address} (either may be null or blank) would find at {@code at}. */
    public CallerCheck checkCaller(String cli, String address, Instant at) {
        return CallTaking.check(room, cli, address, at);
    }

    /**
     * Open incidents whose calls (the first or a linked one) were about {@code address} (its key, as scheme matching
     * compares addresses), most urgent first: where a call handler may link a new call.
     */
    public List<IncidentView> openIncidentsAt(String address) {
        return CallTaking.openIncidentsAt(room, address);
    }

    /** A unit on the roster; empty for an unknown or retired one. */
    public Optional<UnitView> unit(String id) {
        return Optional.ofNullable(room.units.get(id)).filter(u -> !u.retired).map(this::view);
    }

    /** Every unit on the roster (retired ones left out), in roster order, units added later last. */
    public List<UnitView> units() {
        List<UnitView> out = new ArrayList<>(room.units.size());
        for (UnitState u : room.units.values()) {
            if (!u.retired) {
                out.add(view(u));
            }
        }
        return out;
    }

    /** Every member of staff on the roster, in the order they joined it. */
    public List<StaffView> staff() {
        return room.staff.values().stream().map(m -> new StaffView(m.id(), m.role(), m.bcu())).toList();
    }

    public Optional<StaffView> staffMember(String id) {
        return Optional.ofNullable(room.staff.get(id)).map(m -> new StaffView(m.id(), m.role(), m.bcu()));
    }

    /** Every incident held in live state (open and recently closed), most urgent first, then oldest first. */
    public List<IncidentView> incidents() {
        return room.incidents.values().stream().sorted(IncidentState.QUEUE_ORDER).map(Queries::view).toList();
    }

    /** Where an incident's scene is (where its first call placed it), when known. */
    public Optional<Location> incidentLocation(String id) {
        return Optional.ofNullable(room.incidents.get(id)).map(i -> i.location);
    }

    /** Every scheme, in the order requested. */
    public List<SchemeView> schemes() {
        return room.schemes.values().stream().map(Queries::view).toList();
    }

    public Optional<SchemeView> scheme(String id) {
        return Optional.ofNullable(room.schemes.get(id)).map(Queries::view);
    }

    /**
     * The alerts raised and not yet answered, incidents in queue order first, then schemes in the order requested:
     * an incident still unresourced, or open and unattended past its warning or target; a committed unit that has not
     * acknowledged; a divert awaiting review (and overdue), a challenged override, a reallocation not yet tasked; an
     * open incident graded below a scheme of its call; a victim not yet told of a scheme; a scheme review sent, or a
     * scheme's end passed, with no decision. Call matches are part of the call, and an urgent review is QART's queue:
     * neither is listed. Alerts are addressed as the engine addresses them now (a second-stage review to the BCU's
     * first crime manager on the roster today).
     */
    public List<AlertView> openAlerts() {
        return OpenAlerts.of(room);
    }

    /** Whether {@code id} is taken by a member of staff or a unit, now or before: ids are never used twice. */
    public boolean idTaken(String id) {
        return room.idTaken(id);
    }

    /** True when the unit exists, is not committed and is not stood down. */
    public boolean isAvailable(String unitId) {
        return finder.isFree(unitId);
    }

    public int availableUnitCount() {
        return finder.freeCount();
    }

    /**
     * The available units nearest {@code scene} by {@code travel} time, nearest first, ties in roster order; at most
     * {@code limit}. A despatcher's recommendation. Indexed: it does not look at every unit. Units whose place is
     * unknown are left out unless travel takes no time.
     */
    public List<NearestUnit> nearestAvailable(Location scene, Travel travel, int limit) {
        return finder.nearestFree(scene, travel, limit);
    }

    /** The nearest available unit, if any: {@link #nearestAvailable} with a limit of one. */
    public Optional<NearestUnit> nearestAvailable(Location scene, Travel travel) {
        List<NearestUnit> found = finder.nearestFree(scene, travel, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * The unit nearest {@code scene} by {@code travel} that is on its way to (committed to, not yet at) an open
     * incident of one of {@code fromGrades}: the candidate for a divert. Ties in roster order.
     */
    public Optional<NearestUnit> nearestDivertable(Location scene, Travel travel, Set<Grade> fromGrades) {
        return Optional.ofNullable(finder.nearestDivertable(scene, travel, fromGrades));
    }

    /** Open incidents, most urgent first, then oldest first. */
    public List<IncidentView> openIncidents() {
        return room.incidents.values().stream().filter(IncidentState::open).sorted(IncidentState.QUEUE_ORDER)
                .map(Queries::view).toList();
    }

    /** The despatch queue: open, unattended incidents with no unit, most urgent first, then oldest first. */
    public List<IncidentView> unresourced() {
        return room.incidents.values().stream().filter(Queries::isUnresourced).sorted(IncidentState.QUEUE_ORDER)
                .map(Queries::view).toList();
    }

    public long openIncidentCount() {
        return room.openIncidents;
    }

    /** Incidents held in live state (open ones and recently closed ones). */
    public int liveIncidentCount() {
        return room.incidents.size();
    }

    /** A deterministic description of the whole live state, for comparing two engines. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(room.incidents).values().forEach(i -> b.append(view(i)).append(' ')
                .append(i.countdownToken).append(i.warningAlerted).append(i.breachAlerted).append(i.unresourcedSince)
                .append(i.unresourcedAlerted).append(diverts(i)).append('\n'));
        room.units.values().forEach(u -> b.append(view(u)).append(' ').append(u.assignment)
                .append(u.unacknowledgedAlerted).append(u.retired ? " retired" : "").append('\n'));
        room.staff.values().forEach(m -> b.append(m).append('\n'));
        room.removedStaff.stream().sorted().forEach(id -> b.append("removed ").append(id).append('\n'));
        new TreeMap<>(room.calls).values().forEach(c -> b.append(c.id).append(' ').append(c.incidentId).append(' ')
                .append(c.schemeIds).append('\n'));
        room.schemes.values().forEach(s -> b.append(s.describe()).append('\n'));
        room.guidance.values().forEach(g -> b.append(g.describe()).append('\n'));
        b.append(room.history.describe());
        return b.toString();
    }

    private static String diverts(IncidentState i) {
        StringBuilder b = new StringBuilder("[");
        for (DivertState d : i.diverts()) {
            b.append(d.unitId).append('>').append(d.toIncidentId).append(' ').append(d.stage).append(' ')
                    .append(d.reviewOverdueAlerted).append(';');
        }
        return b.append(']').toString();
    }

    static boolean isUnresourced(IncidentState i) {
        return i.open() && !i.attended() && i.committed.isEmpty();
    }

    static IncidentView view(IncidentState i) {
        return new IncidentView(i.id, i.callId, i.grade, i.createdAt, i.targetAt, i.attendedAt, i.closed,
                List.copyOf(i.committed), i.divertTagged, isUnresourced(i), i.reallocationRequested, i.bcu);
    }

    private static IncidentDetail detail(IncidentState i) {
        boolean waiting = i.open() && !i.attended();
        List<DivertView> diverts = i.diverts().stream().map(d -> new DivertView(d.unitId, d.toIncidentId, d.at,
                d.stage.name(), d.reviewOverdueAlerted)).toList();
        return new IncidentDetail(view(i), i.type, i.domestic, List.copyOf(i.schemeIds), waiting && i.warningAlerted,
                waiting && i.breachAlerted, diverts);
    }

    private static SchemeView view(SchemeState s) {
        var f = s.form;
        return new SchemeView(s.id(), s.status.name(), f.address(), f.clis() == null ? List.of() : List.copyOf(f.clis()),
                f.victimName(), f.preferredContact(), f.oic(), f.bcu(), f.crimeRef(), f.instructions(),
                s.requiredGrade(), s.activatedAt, s.maxUntil, s.firstReviewAt, s.firstStageSentAt,
                s.reviewOverdueAlerted, s.contactOverdueAlerted, s.victimInformedAt, s.withdrawnAt, s.contacts.size());
    }

    /** {@code location}: where the unit is believed to be, its roster place and then each scene it arrived at. */
    private UnitView view(UnitState u) {
        return new UnitView(u.id, u.callSign, u.bcu, finder.locationOf(u.id), u.status, u.committedTo,
                u.acknowledged, u.atScene);
    }
}
