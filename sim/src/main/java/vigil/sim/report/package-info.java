/**
 * The standard reports (DARIS, contracts/report.md): response-time compliance by grade and BCU, the delayed-attendance
 * list, the DIVERT tag list, scheme compliance and call demand, as a projection over the event stream.
 *
 * <p>{@link vigil.sim.report.Daris} is the one implementation: {@code ./vigil report} feeds it a replay, the server
 * feeds it its event log. Feed every event once, in order ({@code accept}); ask for any period, with optional BCU
 * and grade filters ({@code report}); print with {@link vigil.sim.report.ReportJson} or
 * {@link vigil.sim.report.ReportCsv}. No I/O, no wall clock, no threads: time is what the events say.
 * Uses only {@code vigil.core}'s events and policy (and Jackson to write JSON).
 */
package vigil.sim.report;
