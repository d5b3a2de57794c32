package org.wangge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.wangge.security.TokenIssuer;

/**
 * The production profile of application.properties, read as Quarkus reads it with a given
 * environment. Plain unit test: nothing is started.
 */
class ProductionConfigTest {

    private static SmallRyeConfig prod(Map<String, String> environment) throws Exception {
        ConfigSource file = new PropertiesConfigSource(Path.of("src/main/resources/application.properties").toUri().toURL());
        ConfigSource env = new PropertiesConfigSource(environment, "environment", 300);
        return new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors().withSources(file, env).build();
    }

    @Test
    void theIssuerMustBeGivenAndIsNeverAny() throws Exception {
        SmallRyeConfig unset = prod(Map.of());
        assertThrows(NoSuchElementException.class, () -> unset.getValue("quarkus.oidc.token.issuer", String.class),
                "without OIDC_ISSUER start-up must fail, not accept any issuer");
        SmallRyeConfig set = prod(Map.of("OIDC_ISSUER", "https://keycloak.example/realms/wangge"));
        assertEquals("https://keycloak.example/realms/wangge", set.getValue("quarkus.oidc.token.issuer", String.class));
        // Quarkus reads the issuer as optional: the start-up check is what stops a server without one
        assertThrows(IllegalStateException.class, () -> TokenIssuer.require(unset));
        assertThrows(IllegalStateException.class, () -> TokenIssuer.require(prod(Map.of("OIDC_ISSUER", "any"))));
        assertEquals("https://keycloak.example/realms/wangge", TokenIssuer.require(set));
    }

    @Test
    void tracesAreOffUnlessTurnedOn() throws Exception {
        SmallRyeConfig unset = prod(Map.of());
        assertEquals(true, unset.getValue("quarkus.otel.sdk.disabled", Boolean.class), "by default: no spans, nothing sent");
        assertEquals(true, prod(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.example.internal:4317"))
                .getValue("quarkus.otel.sdk.disabled", Boolean.class), "naming a collector alone does not turn it on");
        SmallRyeConfig on = prod(Map.of("OTEL_SDK_DISABLED", "false", "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.example.internal:4317"));
        assertEquals(false, on.getValue("quarkus.otel.sdk.disabled", Boolean.class));
        assertEquals("http://otel-collector.example.internal:4317", on.getValue("quarkus.otel.exporter.otlp.endpoint", String.class));
        assertEquals("grpc", on.getValue("quarkus.otel.exporter.otlp.protocol", String.class));
        assertEquals("http/protobuf", prod(Map.of("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"))
                .getValue("quarkus.otel.exporter.otlp.protocol", String.class));
        assertFalse(unset.getValue("quarkus.smallrye-graphql.tracing.enabled", Boolean.class), "one span per operation, ours");
        assertTrue(unset.getValue("quarkus.log.console.format", String.class).contains("%X{requestId}"), "every log line names its request");
    }

    @Test
    void theAudienceIsCheckedWhenGivenAndClockSkewIsBounded() throws Exception {
        assertFalse(prod(Map.of()).getOptionalValue("quarkus.oidc.token.audience", String.class).isPresent());
        assertEquals(Optional.of("wangge-api"),
                prod(Map.of("OIDC_AUDIENCE", "wangge-api")).getOptionalValue("quarkus.oidc.token.audience", String.class));
        assertEquals(30, prod(Map.of()).getValue("quarkus.oidc.token.lifespan-grace", Integer.class));
    }
}
