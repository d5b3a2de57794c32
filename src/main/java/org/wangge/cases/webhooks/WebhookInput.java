package org.wangge.cases.webhooks;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.cases.live.CaseEventFilter;

@Input("WebhookInput")
@Description("An endpoint to POST case updates to")
public class WebhookInput {
    @Id
    @Description("The department whose view it receives; without it, the residents' endpoint of the mini-program's backend (admin only)")
    public String departmentId;
    @NonNull
    @Description("https (plain http only to a loopback address where the deployment allows it)")
    public String url;
    @NonNull
    @Description("Shared with the receiver, which checks the signature with it: at least 32 characters. Never shown again.")
    public String secret;
    public CaseEventFilter filter;
    @Description("Start after this cursor: what followed it is delivered first, then what comes. Default: from now on")
    public String after;
}
