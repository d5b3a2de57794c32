package org.wangge.cases;

import org.eclipse.microprofile.graphql.Description;

@Description("三色风险台账 for disputes")
public enum RiskColour {
    @Description("红: may turn violent or mass, daily follow-up") RED,
    @Description("黄: could escalate") YELLOW,
    @Description("绿: ordinary") GREEN
}
