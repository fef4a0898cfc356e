package vigil.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;
import vigil.core.Actor;
import vigil.core.engine.GuidanceView;
import vigil.core.engine.Queries;
import vigil.server.notice.Notice;
import vigil.server.notice.Notices;
import vigil.server.staff.CurrentActor;

/**
 * The mailbox (issue 14): the caller's notices, newest first, a page at a time, each with what it concerns, read or
 * unread in words, marked read by its button ({@link Notices#markRead}, the code behind
 * {@code POST /api/notices/{id}/read}); a guidance notice with its "Read and understood" button, which sends
 * {@code ConfirmGuidance} through {@link PageCommands}. The list and the navigation's unread count are refreshed by
 * {@code live.js} when a {@code notice} frame arrives on the page's stream (docs/adr/081).
 */
@Controller
class NoticePages {
    /** A notice as the mailbox shows it; {@code guidanceId} set for guidance, {@code confirmedAt} once confirmed. */
    record Line(long id, String subject, String body, String when, String whenIso, boolean read, String readAt,
                String href, String about, String guidanceId, boolean mayConfirm, String confirmedAt) {
        public String domId() {
            return "notice-" + id;
        }
    }

    /** The caller's unread count, asked only when a template shows it (the navigation), not for every fragment. */
    static final class Unread {
        private final Notices notices;
        private final String staffId;
        private Long count;

        Unread(Notices notices, String staffId) {
            this.notices = notices;
            this.staffId = staffId;
        }

        public long count() {
            if (count == null) {
                count = notices.unread(staffId);
            }
            return count;
        }

        /** The navigation link's words: the count in them, so it is read out, not only seen. */
        public String label() {
            return count() == 0 ? "Notices" : "Notices (" + count() + " unread)";
        }
    }

    private final Picture picture;
    private final CurrentActor actors;
    private final PageCommands commands;
    private final Notices notices;
    private final Words words;
    private final int pageSize;

    NoticePages(Picture picture, CurrentActor actors, PageCommands commands, Notices notices, Words words,
                @Value("${vigil.web.notices-page:25}") int pageSize) {
        this.picture = picture;
        this.actors = actors;
        this.commands = commands;
        this.notices = notices;
        this.words = words;
        this.pageSize = Math.clamp(pageSize, 1, Notices.MAX_PAGE - 1);
    }

    @GetMapping("/notices")
    String mailbox(@RequestParam(name = "before", required = false) String before, HttpServletRequest request,
                   Model model) {
        Actor me = IncidentBoard.me(request, actors);
        return page(me, number(before), model, Map.of());
    }

    @GetMapping("/notices/list")
    String list(@RequestParam(name = "before", required = false) String before, HttpServletRequest request,
                Model model) {
        Actor me = IncidentBoard.me(request, actors);
        mailbox(me, number(before), model, Map.of());
        return "notices :: mailbox";
    }

    /** The navigation's link, for {@code live.js}; {@code page} is the page it is on (for {@code aria-current}). */
    @GetMapping("/notices/count")
    String count(@RequestParam(name = "page", required = false) String page, Model model) {
        model.addAttribute("path", page == null ? "" : page);
        return "layout :: mailbox-link";
    }

    @PostMapping("/notices/{id}/read")
    String read(@PathVariable("id") String noticeId, @RequestParam(name = "before", required = false) String after,
                HttpServletRequest request, RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        long id = number(noticeId);
        Notice n = notices.markRead(me.id(), id).orElseThrow(() -> PageProblem.notFound("notice", noticeId));
        redirect.addFlashAttribute("done", "Marked read: " + n.subject() + ".");
        return back(id, number(after));
    }

    @PostMapping("/notices/{id}/confirm")
    String confirm(@PathVariable("id") String noticeId,
                   @RequestParam(name = "guidanceId", required = false) String guidanceId,
                   @RequestParam(name = "before", required = false) String after, HttpServletRequest request,
                   HttpServletResponse response, Model model, RedirectAttributes redirect) {
        Actor me = IncidentBoard.me(request, actors);
        long id = number(noticeId);
        Long before = number(after);
        PageCommands.Answer a = commands.send(me, PageCommands.command("ConfirmGuidance")
                .text("guidanceId", guidanceId));
        if (a.accepted()) {
            notices.markRead(me.id(), id); // confirmed is read: one press, not two
            redirect.addFlashAttribute("done", "Recorded: you have read and understood guidance " + guidanceId.strip()
                    + ".");
            return back(id, before);
        }
        response.setStatus(422);
        return page(me, before, model, Map.of(id, Form.empty().refused(a, Set.of())));
    }

    /** A notice's id, or the page of the mailbox before one: a number, else there is no such page. */
    private static Long number(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw PageProblem.notFound("notice", text);
        }
    }

    /** After a button: the same page of the mailbox, at the notice. */
    private static String back(long id, Long before) {
        return "redirect:/notices" + (before == null ? "" : "?before=" + before) + "#notice-" + id;
    }

    private String page(Actor me, Long before, Model model, Map<Long, Form> refused) {
        model.addAttribute("seq", mailbox(me, before, model, refused));
        return "notices";
    }

    /**
     * One page of {@code me}'s mailbox into the model; answers the seq the picture stands at. The picture is asked
     * first: a notice made after it reaches the page on its stream (docs/adr/081), one already shown comes again only
     * as a refresh.
     */
    private long mailbox(Actor me, Long before, Model model, Map<Long, Form> refused) {
        Picture.Seen<Map<String, GuidanceView>> guidance = picture.ask(NoticePages::guidance);
        Notices.Mailbox box = notices.mine(me.id(), pageSize + 1, before);
        List<Notice> shown = box.notices().stream().limit(pageSize).toList();
        model.addAttribute("notices", shown.stream().map(n -> line(n, me, guidance.value())).toList());
        model.addAttribute("unread", box.unread());
        model.addAttribute("older", box.notices().size() > pageSize ? shown.getLast().id() : null);
        model.addAttribute("before", before);
        model.addAttribute("src", "/notices/list" + (before == null ? "" : "?before=" + before));
        model.addAttribute("refused", refused);
        return guidance.seq();
    }

    private static Map<String, GuidanceView> guidance(Queries q) {
        Map<String, GuidanceView> out = new HashMap<>();
        q.guidance().forEach(g -> out.put(g.id(), g));
        return out;
    }

    private Line line(Notice n, Actor me, Map<String, GuidanceView> guidance) {
        String link = n.link() == null ? "" : n.link();
        String href = null;
        String about = null;
        String guidanceId = null;
        for (String[] kind : new String[][] {{"/incidents/", "Incident"}, {"/schemes/", "Scheme"}, {"/calls/", "Call"},
                {"/guidance/", "Guidance"}}) {
            if (link.startsWith(kind[0])) {
                href = link;
                String id = UriUtils.decode(link.substring(kind[0].length()), StandardCharsets.UTF_8);
                about = kind[1] + " " + id;
                guidanceId = kind[1].equals("Guidance") ? id : null;
            }
        }
        boolean mayConfirm = false;
        String confirmedAt = null;
        GuidanceView g = guidanceId == null ? null : guidance.get(guidanceId);
        if (g != null) {
            // The engine's own answer (as GET /api/guidance/{id} gives it): confirmed, or among those who have not.
            confirmedAt = g.confirmed().stream().filter(c -> c.staffId().equals(me.id())).findFirst()
                    .map(c -> words.dayTime(c.at())).orElse(null);
            mayConfirm = confirmedAt == null && g.unconfirmed().contains(me.id());
        }
        Instant readAt = n.readAt();
        return new Line(n.id(), n.subject(), n.body(), words.dayTime(n.createdAt()), n.createdAt().toString(),
                n.read(), readAt == null ? null : words.dayTime(readAt), href, about, guidanceId, mayConfirm,
                confirmedAt);
    }
}
