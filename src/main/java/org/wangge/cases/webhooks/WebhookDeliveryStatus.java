package org.wangge.cases.webhooks;

public enum WebhookDeliveryStatus {
    DELIVERED,
    FAILED
}
