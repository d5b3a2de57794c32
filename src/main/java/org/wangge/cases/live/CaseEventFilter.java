package org.wangge.cases.live;

import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.wangge.cases.CaseState;
import org.wangge.cases.Priority;

@Input("CaseEventFilter")
@Description("Which case updates to receive; all given conditions must hold")
public class CaseEventFilter {
    @Id
    @Description("Cases in this grid's subtree")
    public String gridId;
    @Id
    @Description("Cases ever dispatched to this department")
    public String departmentId;
    public List<String> kinds;
    @Description("Cases whose state is now one of these")
    public List<CaseState> states;
    public List<Priority> priorities;
}
