package vigil.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Which failures of an append are blamed on what a command holds (ADR 116): PostgreSQL's data exceptions (SQLState
 * class 22) and its limits (54), wherever they sit among the causes. A broken integrity rule (23), a lost connection
 * (08) or an error raised by hand (P0001) say nothing about one command: the whole batch is retried after a rebuild.
 */
class OnlyARefusedValueIsIsolated {

    @Test
    void aDataExceptionOrALimitIsARefusedValueWhereverItIsFound() {
        assertThat(Isolation.refusedAsData(new SQLException("invalid input syntax for type json", "22P02"))).isTrue();
        assertThat(Isolation.refusedAsData(new SQLException("index row size exceeds maximum", "54000"))).isTrue();
        assertThat(Isolation.refusedAsData(new CompletionException(new IllegalStateException(
                new SQLException("character not in repertoire", "22021"))))).isTrue();
        SQLException batch = new SQLException("batch entry 3 was aborted", "25P02");
        batch.setNextException(new SQLException("invalid parameter value", "22023"));
        assertThat(Isolation.refusedAsData(batch)).as("the exception chained after a batch's").isTrue();
    }

    @Test
    void integrityConnectionsAndEverythingElseAreNot() {
        assertThat(Isolation.refusedAsData(new SQLException("duplicate key value", "23505"))).isFalse();
        assertThat(Isolation.refusedAsData(new SQLException("violates check constraint", "23514"))).isFalse();
        assertThat(Isolation.refusedAsData(new SQLException("connection refused", "08001"))).isFalse();
        assertThat(Isolation.refusedAsData(new SQLException("disk on fire", "P0001"))).isFalse();
        assertThat(Isolation.refusedAsData(new SQLException("no state"))).isFalse();
        assertThat(Isolation.refusedAsData(new IllegalStateException("not from the database"))).isFalse();
        SQLException looped = new SQLException("first", "08006");
        SQLException second = new SQLException("second", "57P01", looped);
        looped.setNextException(second);
        assertThat(Isolation.refusedAsData(looped)).as("a chain that loops ends").isFalse();
    }
}
