package org.wangge.cases.catalogue;

import org.eclipse.microprofile.graphql.Description;

@Description("A stage of the loop with a time limit of its own (时限)")
public enum Stage {
    @Description("受理/立案: from the report to accepting it or not") ACCEPT,
    @Description("派遣: from acceptance to dispatch") DISPATCH,
    @Description("处置: from the report to its resolution; the case's deadline (dueAt), which extensions and parking move") HANDLE,
    @Description("核查: from the resolution to the on-site check") VERIFY;

    /** As a centre's spreadsheet heads the column. */
    public String column() {
        return switch (this) {
            case ACCEPT -> "受理时限";
            case DISPATCH -> "派遣时限";
            case HANDLE -> "处置时限";
            case VERIFY -> "核查时限";
        };
    }
}
