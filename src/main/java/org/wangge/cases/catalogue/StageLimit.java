package org.wangge.cases.catalogue;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.calendar.TimeLimit;
import org.wangge.cases.Priority;

@Description("A stage's time limit, for one priority or any")
public class StageLimit {
    @NonNull
    public Stage stage;
    @Description("The priority it is for; null: any priority without a limit of its own")
    public Priority priority;
    @NonNull
    public TimeLimit limit;

    public StageLimit() {
    }

    public StageLimit(Stage stage, Priority priority, TimeLimit limit) {
        this.stage = stage;
        this.priority = priority;
        this.limit = limit;
    }
}
