package vigil.canary;

import java.sql.Connection;
import java.sql.SQLException;

/** Canary: talks to a database. */
public class DatabaseUser {
    public boolean alive(Connection c) throws SQLException {
        return c.isValid(1);
    }
}
