package vigil.server.reports;

import java.util.Comparator;
import java.util.List;
import vigil.sim.report.Report;

/**
 * The QART work queue: the DIVERT tag list in the order QART works it, for {@code GET /api/reports/qart} and the QART
 * page alike. Those asked for an urgent review and not yet audited first, then the others not yet audited, then the
 * audited; each in time order.
 */
public final class QartQueue {
    private QartQueue() {}

    public static List<Report.Divert> of(List<Report.Divert> diverts) {
        return diverts.stream().sorted(Comparator.comparingInt(QartQueue::rank).thenComparing(Report.Divert::at))
                .toList();
    }

    /** {@code APPROVED}, {@code OVERRIDDEN}, {@code OVERDUE} or {@code AWAITING_REVIEW}. */
    public static String reviewStatus(Report.Divert d) {
        return d.review() != null ? d.review().name() : d.reviewOverdue() ? "OVERDUE" : "AWAITING_REVIEW";
    }

    /** {@code AUDITED} or {@code AWAITING_AUDIT}. */
    public static String auditStatus(Report.Divert d) {
        return d.audit() != null ? "AUDITED" : "AWAITING_AUDIT";
    }

    /** 0: an urgent review asked and not yet audited; 1: not yet audited; 2: audited. */
    private static int rank(Report.Divert d) {
        return d.audit() != null ? 2 : d.urgentReview() ? 0 : 1;
    }
}
