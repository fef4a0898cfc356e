package vigil.sim.despatch;

import java.util.Comparator;
import java.util.PriorityQueue;
import vigil.sim.model.Model.QueueOrder;

/**
 * Calls waiting for a unit. {@code FIFO}: strictly by arrival; {@code PRIORITY}: by grade (I first), then arrival.
 * A re-queued incident keeps its place by its original arrival. Bounded: a model whose calls outrun its units for
 * long enough fills it, and the run stops with a message rather than eat the machine's memory.
 */
final class DespatchQueue {
    static final int BOUND = 2_000_000;

    private static final Comparator<Job> BY_ARRIVAL = Comparator.comparingLong((Job j) -> j.call.offsetNanos())
            .thenComparingLong(j -> j.call.number());
    private static final Comparator<Job> BY_GRADE = Comparator.comparing((Job j) -> j.call.grade())
            .thenComparing(BY_ARRIVAL);

    private final PriorityQueue<Job> waiting;

    DespatchQueue(QueueOrder order) {
        this.waiting = new PriorityQueue<>(order == QueueOrder.FIFO ? BY_ARRIVAL : BY_GRADE);
    }

    void add(Job j) {
        assert !j.queued : j.incidentId + " queued twice";
        if (waiting.size() >= BOUND) {
            throw new Overloaded("more than " + BOUND
                    + " calls waiting for a unit at once: the model's calls outrun its units");
        }
        j.queued = true;
        waiting.add(j);
    }

    Job poll() {
        Job j = waiting.poll();
        if (j != null) {
            j.queued = false;
        }
        return j;
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    int size() {
        return waiting.size();
    }
}
