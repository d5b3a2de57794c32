package org.wangge.people;

import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

/** A period in a household's or a person's history: where they belonged, from when until when. */
public abstract class HistoryPeriod {
    @NonNull
    public OffsetDateTime validFrom;
    @Description("Null while current")
    public OffsetDateTime validTo;
    @Description("For a person's memberships: the relation to the householder then")
    public Relation relation;
    @Ignore
    public long ownerId;
    @Ignore
    public long targetId;

    @Description("A period in which a household belonged to a grid")
    public static class GridPeriod extends HistoryPeriod {
    }

    @Description("A period in which a person belonged to a household")
    public static class HouseholdPeriod extends HistoryPeriod {
    }
}
