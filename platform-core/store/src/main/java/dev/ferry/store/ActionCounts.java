package dev.ferry.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** How many actions each service of each registration has waiting, and in which state: for metrics. */
public final class ActionCounts {

    /** Queued and not yet closed: in the action pages, waiting for the action processor. */
    public static final String QUEUED = "queued";

    /**
     * @param status {@link #QUEUED}, or an action row's status in lower case ({@code retry}, {@code dead},
     *               {@code failed}, {@code pending})
     */
    public record Count(String workspace, String registration, String service, String status, long count) {
    }

    private ActionCounts() {
    }

    /** Every service's queued actions and its actions in each state but succeeded, one query each. */
    public static List<Count> all(Connection c) throws SQLException {
        List<Count> counts = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT st.workspace, st.registrationId, st.serviceId,"
                + " SUM(p.actions - p.done) FROM FERRY_ACTION_PAGE p JOIN FERRY_SERVICE_STATE st ON st.id = p.scope_id"
                + " GROUP BY st.workspace, st.registrationId, st.serviceId");
             ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.add(new Count(r.getString(1), r.getString(2), r.getString(3), QUEUED, r.getLong(4)));
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT workspace, registrationId, serviceId, status, COUNT(*)"
                + " FROM FERRY_ACTION WHERE status <> ? GROUP BY workspace, registrationId, serviceId, status")) {
            s.setString(1, ActionEntity.SUCCEEDED);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    counts.add(new Count(r.getString(1), r.getString(2), r.getString(3),
                            r.getString(4).toLowerCase(java.util.Locale.ROOT), r.getLong(5)));
                }
            }
        }
        return counts;
    }
}
