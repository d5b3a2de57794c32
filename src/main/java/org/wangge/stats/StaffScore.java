package org.wangge.stats;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A staff member's work over a period (一季一考评), with a score from the configured weights")
public class StaffScore {
    @NonNull
    public int rank;
    @NonNull
    public String subject;
    public String displayName;
    @NonNull
    public int reportsFiled;
    @NonNull
    public int visitsMade;
    @NonNull
    @Description("Cases this person resolved (解单)")
    public int casesHandled;
    @Description("Resolved by the deadline ÷ resolved")
    public Double onTimeRate;
    public Double averageRating;
    @NonNull
    @Description("Times their resolutions were sent back (返工)")
    public int reworks;
    @NonNull
    public double score;
}
