/**
 * The standard reports on the server (docs/adr/060): the read tables kept from the event log by the
 * {@link vigil.server.reports.ReportFollower} (which also checks the hash chain as it reads), the reports over them
 * ({@link vigil.server.reports.ServerReports}, the CLI's own projection fed the rows a period needs), the QART work
 * queue, and incident timelines ({@link vigil.server.reports.Timelines}, as JSON, CSV or a NENA EIDO). Uses the
 * database, the log's chain, and the policy.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reports", allowedDependencies = {"db", "log"})
package vigil.server.reports;
