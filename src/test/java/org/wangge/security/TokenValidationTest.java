package org.wangge.security;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * Tokens signed with the right key are still refused when they name another issuer, lack this
 * API's audience, or expired longer ago than the allowed clock skew (30 s).
 */
@QuarkusTest
class TokenValidationTest {

    @Test
    void aWellFormedTokenIsAccepted() throws Exception {
        status(token(c -> { }), 200);
    }

    @Test
    void anotherIssuerIsRefused() throws Exception {
        status(token(c -> c.setIssuer("https://other.example/realms/wangge")), 401);
    }

    @Test
    void aTokenForAnotherAudienceOrForNoneIsRefused() throws Exception {
        status(token(c -> c.setAudience("another-api")), 401);
        status(token(c -> c.unsetClaim("aud")), 401);
        status(token(c -> c.setAudience("another-api", "wangge-api")), 200);
    }

    @Test
    void clockSkewIsAllowedButBounded() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        status(token(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now - 600));
            c.setExpirationTime(NumericDate.fromSeconds(now - 10));
        }), 200);
        status(token(c -> {
            c.setIssuedAt(NumericDate.fromSeconds(now - 600));
            c.setExpirationTime(NumericDate.fromSeconds(now - 60));
        }), 401);
    }

    private static void status(String token, int expected) {
        given().header("Authorization", "Bearer " + token).contentType("application/json")
                .body(Map.of("query", "{ myGrids { id } }")).post("/graphql").then().statusCode(expected);
    }

    /** A token signed with the dev key, valid for this API unless {@code change} makes it otherwise. */
    static String token(Consumer<JwtClaims> change) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("wangge-dev");
        claims.setAudience("wangge-api");
        claims.setSubject("token-check");
        claims.setStringListClaim("groups", List.of("admin"));
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        change.accept(claims);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKey(devKey());
        return jws.getCompactSerialization();
    }

    private static PrivateKey devKey() throws Exception {
        String pem = Files.readString(Path.of("config", "dev", "dev-signing-key.pem"))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
