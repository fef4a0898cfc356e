package vigil.server.log;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * UP only while the writer accepts commands. Otherwise the status says why, in its description: starting (rebuilding
 * from the log), standby (another server holds the writer role), recovering (the database failed), stopping.
 */
@Component("writerHealthIndicator")
class WriterHealth implements HealthIndicator {
    private final Writer writer;

    WriterHealth(Writer writer) {
        this.writer = writer;
    }

    @Override
    public Health health() {
        Writer.State s = writer.state();
        Writer.Position p = writer.position();
        Status status = switch (s.phase()) {
            case WRITING -> Status.UP;
            case STANDBY, STARTING -> new Status(Status.OUT_OF_SERVICE.getCode(), s.why());
            case RECOVERING, STOPPED -> new Status(Status.DOWN.getCode(), s.why());
        };
        return Health.status(status).withDetail("phase", s.phase()).withDetail("lastSeq", p.lastSeq()).build();
    }
}
