package org.wangge.cases.webhooks;

@org.eclipse.microprofile.graphql.Description("Whether an update reached a webhook endpoint")
public enum WebhookDeliveryStatus {
    DELIVERED,
    FAILED
}
