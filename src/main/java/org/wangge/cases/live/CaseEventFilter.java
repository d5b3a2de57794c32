package org.wangge.cases.live;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.wangge.common.Check;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.wangge.cases.CaseState;
import org.wangge.cases.Priority;
import org.wangge.common.NodeType;

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

    /** The updates that meet every condition of {@code f} (all of them when it is null); {@code gridPath} is the path of its grid. */
    public static Predicate<CaseUpdate> matching(CaseEventFilter f, String gridPath) {
        if (f == null) {
            return u -> true;
        }
        Long department = f.departmentId == null ? null : NodeType.DEPARTMENT.key("departmentId", f.departmentId);
        Set<String> kinds = f.kinds == null || f.kinds.isEmpty() ? null : Set.copyOf(f.kinds);
        return u -> (gridPath == null || u.gridPath.startsWith(gridPath))
                && (department == null || u.departments.contains(department))
                && (kinds == null || kinds.contains(u.kind))
                && (f.states == null || f.states.isEmpty() || f.states.contains(u.caseState))
                && (f.priorities == null || f.priorities.isEmpty() || f.priorities.contains(u.priority));
    }
}
