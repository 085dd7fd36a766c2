package dev.schemaguard.rehearsal;

import org.postgresql.util.PSQLException;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Prepares a query on the rehearsal database without running it: the server parses, resolves and plans it. */
final class Probes {

    private static final String NAME = "schemaguard_probe";

    private Probes() {
    }

    /**
     * {@code null} when the query prepares, else why it does not, with {@code line} the line of the query (from 0) the
     * server's error position points at. Parameters stay untyped, as the consumer sends them.
     */
    static Execution.Failure prepares(Connection c, String sql) {
        try (Statement s = c.createStatement()) {
            try {
                s.execute("PREPARE " + NAME + " AS " + sql);
            } catch (SQLException e) {
                String message = e.getMessage();
                int line = 0;
                if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
                    message = p.getServerErrorMessage().getMessage();
                    // The position counts from the start of "PREPARE name AS ".
                    int position = p.getServerErrorMessage().getPosition() - ("PREPARE " + NAME + " AS ").length() - 1;
                    if (position > 0 && position <= sql.length()) {
                        line = (int) sql.substring(0, position).chars().filter(ch -> ch == '\n').count();
                    }
                }
                return new Execution.Failure("", line, e.getSQLState() == null ? "" : e.getSQLState(), message);
            }
            s.execute("DEALLOCATE " + NAME);
            return null;
        } catch (SQLException e) {
            throw new IllegalStateException("preparing a consumer query failed: " + e.getMessage(), e);
        }
    }
}
