/**
 * The web UI (issue 14; docs/adr/090): server-rendered pages (Thymeleaf, htmx) behind the form login, each role landing
 * on its own work. Owns the layout (navigation by role, who is logged in, the live indicator), {@code live.js} (the
 * one {@code EventSource} of a page: resumes from the last seq, reloads on {@code reset}, shows itself stale after 30 s
 * of silence, and re-fetches the fragments an event names), the problem pages, and the pages themselves. Decides
 * nothing: reads are the engine's queries asked on the writer ({@link vigil.server.web.Picture}), commands go through
 * {@link vigil.server.api.CommandIntake} exactly as {@code POST /api/commands} does.
 *
 * <p>How to add a page: a controller here that asks {@link vigil.server.web.Picture} and puts {@code seq} in the model;
 * a template that replaces {@code layout :: page}; fragments that must stay live carry {@code data-live-src} and the
 * keys of the events that change them ({@code data-live-incident}, {@code -unit}, {@code -scheme}, {@code -types},
 * {@code -any}; {@code data-live-notice} for the logged-in person's notices); forms post through
 * {@link vigil.server.web.PageCommands} and re-render with errors at the field.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web pages",
        allowedDependencies = {"api", "log", "staff", "reports", "notice"})
package vigil.server.web;
