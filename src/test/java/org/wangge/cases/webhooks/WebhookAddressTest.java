package org.wangge.cases.webhooks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Endpoints on the deployment's own network are refused (WebhooksTest runs where loopback http is allowed). */
class WebhookAddressTest {

    @Test
    void internalAddressesAreKnownAndPublicOnesAndNamesAreNot() {
        for (String internal : new String[] {"10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "127.0.0.1", "0.0.0.0",
            "100.64.0.1", "[::1]", "[fd12::1]", "[fe80::1]"}) {
            assertTrue(WebhookService.internalAddress(internal), internal);
        }
        for (String outside : new String[] {"8.8.8.8", "172.32.0.1", "100.128.0.1", "[2001:db8::1]", "partner.example", "gov.cn"}) {
            assertFalse(WebhookService.internalAddress(outside), outside);
        }
    }
}
