package org.wangge.stats;

import io.vertx.mutiny.sqlclient.Row;
import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One day of a grid with everything below it (日报告)")
public class DailyFigure {
    @NonNull
    public LocalDate day;
    @NonNull
    public int reported;
    @NonNull
    public int accepted;
    @NonNull
    public int closed;
    @NonNull
    public int escalated;
    @NonNull
    public int visits;
    @NonNull
    public int pointsAwarded;

    static DailyFigure from(Row row) {
        DailyFigure d = new DailyFigure();
        d.day = row.getLocalDate("day");
        d.reported = row.getInteger("reported");
        d.accepted = row.getInteger("accepted");
        d.closed = row.getInteger("closed");
        d.escalated = row.getInteger("escalated");
        d.visits = row.getInteger("visits");
        d.pointsAwarded = row.getLong("points_awarded").intValue();
        return d;
    }
}
