package org.wangge.cases.webhooks;

import org.eclipse.microprofile.graphql.Description;

@org.eclipse.microprofile.graphql.Description("Whether a webhook endpoint is delivered to")
public enum WebhookState {
    @Description("Delivering, or retrying a failed delivery")
    ACTIVE,
    @Description("Failing for longer than the retries last: nothing is sent until it is resumed, nothing is lost meanwhile")
    PAUSED
}
