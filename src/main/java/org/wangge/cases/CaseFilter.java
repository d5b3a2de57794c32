package org.wangge.cases;

import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;

@Input("CaseFilter")
@Description("Filters for case lists; all given conditions must hold")
public class CaseFilter {
    public List<CaseState> states;
    public List<String> kinds;
    public List<Priority> priorities;
    public List<RiskColour> riskColours;
    @Description("Only cases past their deadline and not closed (true) or the others (false)")
    public Boolean overdue;
    @Id
    @Description("Only cases that happened in this grid's subtree")
    public String gridId;
    @Id
    @Description("Only cases ever dispatched to this department")
    public String departmentId;
    public String reporterSubject;
    @Description("Filed at or after")
    public OffsetDateTime from;
    @Description("Filed before")
    public OffsetDateTime to;
    @Description("Words in the title or description")
    public String text;
}
