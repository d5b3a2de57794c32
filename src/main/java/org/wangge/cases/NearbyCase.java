package org.wangge.cases;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Description("An open case near another one's point, and how far it is")
public class NearbyCase implements org.wangge.security.Visible {

    @NonNull
    @Name("case")
    public CaseFile kase;
    @NonNull
    @Description("Metres between the two points (great-circle)")
    public double distanceMeters;

    /** The case's own rule. */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return kase.visibleTo(caller);
    }
}
