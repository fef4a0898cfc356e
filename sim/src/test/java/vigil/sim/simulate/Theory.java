package vigil.sim.simulate;

/** Queueing-theory figures the simulator must reproduce. */
final class Theory {
    private Theory() {}

    /** Erlang C: the chance an arrival waits, with {@code n} servers and offered load {@code a} Erlangs (a < n). */
    static double erlangC(int n, double a) {
        double term = 1;
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double top = term * n / (n - a);
        return top / (sum + top);
    }

    /** Mean wait in queue of M/M/n, in minutes: C / (n mu - lambda). */
    static double mmnWaitMinutes(int n, double callsPerHour, double serviceHours) {
        double a = callsPerHour * serviceHours;
        return erlangC(n, a) / (n / serviceHours - callsPerHour) * 60;
    }

    /** Pollaczek-Khinchine mean wait of M/G/1, in minutes: lambda E[S^2] / (2 (1 - rho)). */
    static double mg1WaitMinutes(double callsPerHour, double meanHours, double sdHours) {
        double rho = callsPerHour * meanHours;
        double secondMoment = sdHours * sdHours + meanHours * meanHours;
        return callsPerHour * secondMoment / (2 * (1 - rho)) * 60;
    }

    /**
     * Workload of each unit when calls go to the first free unit in a fixed preference order, FIFO queue, a unit
     * that clears takes the head: the stationary distribution of the Markov chain over (set of busy units) while some
     * are free, and (queue length) while all are busy, truncated at {@code maxQueue}, solved exactly.
     */
    static double[] preferenceWorkloads(int n, double lambda, double mu, int maxQueue) {
        int full = (1 << n) - 1;
        int states = full + maxQueue + 1; // masks 0..full-1, then "all busy with k waiting" for k = 0..maxQueue
        double[][] q = new double[states][states];
        for (int m = 0; m < full; m++) {
            int first = Integer.numberOfTrailingZeros(~m);
            int next = m | (1 << first);
            q[m][next == full ? full : next] += lambda;
            for (int s = 0; s < n; s++) {
                if ((m >> s & 1) == 1) {
                    q[m][m & ~(1 << s)] += mu;
                }
            }
        }
        for (int k = 0; k <= maxQueue; k++) {
            int i = full + k;
            if (k < maxQueue) {
                q[i][i + 1] += lambda;
            }
            if (k > 0) {
                q[i][i - 1] += n * mu;
            } else {
                for (int s = 0; s < n; s++) {
                    q[i][full & ~(1 << s)] += mu;
                }
            }
        }
        double[] p = stationary(q);
        double[] work = new double[n];
        for (int s = 0; s < n; s++) {
            for (int m = 0; m < full; m++) {
                if ((m >> s & 1) == 1) {
                    work[s] += p[m];
                }
            }
            for (int k = 0; k <= maxQueue; k++) {
                work[s] += p[full + k];
            }
        }
        return work;
    }

    /** Solves p Q = 0, sum p = 1 by Gaussian elimination (one balance equation replaced by the normalisation). */
    private static double[] stationary(double[][] rates) {
        int n = rates.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            double out = 0;
            for (int j = 0; j < n; j++) {
                out += rates[i][j];
            }
            for (int j = 0; j < n; j++) {
                a[j][i] += rates[i][j]; // column i of Q transposed: inflow to j from i
            }
            a[i][i] -= out;
        }
        for (int j = 0; j <= n; j++) {
            a[n - 1][j] = 1;
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = a[c];
            a[c] = a[pivot];
            a[pivot] = t;
            for (int r = 0; r < n; r++) {
                if (r != c && a[r][c] != 0) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= n; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = a[i][n] / a[i][i];
        }
        return p;
    }
}
