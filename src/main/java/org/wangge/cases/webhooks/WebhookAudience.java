package org.wangge.cases.webhooks;

import org.eclipse.microprofile.graphql.Description;

@Description("Whose view of the cases an endpoint receives")
public enum WebhookAudience {
    @Description("A partner department: the updates its members may read")
    DEPARTMENT,
    @Description("The mini-program's backend: updates of cases residents reported through it, naming the reporter")
    RESIDENTS
}
