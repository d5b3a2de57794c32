package org.wangge;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An OIDC provider for packaged instances started by integration tests: a discovery document and
 * a JWKS made from the dev key, served on a free local port, and tokens signed with that key.
 */
public final class LocalOidc implements AutoCloseable {

    private final HttpServer server;
    private final PrivateKey signingKey;
    private final String issuer;

    private LocalOidc(HttpServer server, PrivateKey signingKey, String issuer) {
        this.server = server;
        this.signingKey = signingKey;
        this.issuer = issuer;
    }

    public static LocalOidc start() throws Exception {
        PrivateKey signingKey = KeyUtils.decodePrivateKey(Files.readString(Path.of("config/dev/dev-signing-key.pem")));
        RSAPublicKey publicKey = (RSAPublicKey) KeyUtils.decodePublicKey(Files.readString(Path.of("config/dev/dev-signing-key.pub.pem")));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/wangge";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwks = new JsonObject().put("keys", List.of(Map.of("kty", "RSA", "kid", "dev", "use", "sig", "alg", "RS256",
                "n", b64.encodeToString(unsigned(publicKey.getModulus().toByteArray())),
                "e", b64.encodeToString(unsigned(publicKey.getPublicExponent().toByteArray()))))).encode();
        String discovery = new JsonObject().put("issuer", issuer).put("jwks_uri", issuer + "/protocol/openid-connect/certs")
                .put("authorization_endpoint", issuer + "/auth").put("token_endpoint", issuer + "/token").encode();
        server.createContext("/realms/wangge/.well-known/openid-configuration", exchange -> respond(exchange, discovery));
        server.createContext("/realms/wangge/protocol/openid-connect/certs", exchange -> respond(exchange, jwks));
        server.start();
        return new LocalOidc(server, signingKey, issuer);
    }

    /** A signed token for the subject with one role, valid for an hour. */
    public String token(String subject, String role) {
        return Jwt.issuer(issuer).subject(subject).groups(Set.of(role)).claim("name", subject).expiresIn(3600).jws().keyId("dev").sign(signingKey);
    }

    /**
     * What an instance needs to trust this provider, with the keys of one deployment (what one
     * instance seals or hashes, another reads).
     */
    public Map<String, String> env(String... keys) {
        Map<String, String> env = new HashMap<>();
        env.put("OIDC_AUTH_SERVER_URL", issuer);
        env.put("OIDC_ISSUER", issuer);
        env.put("WANGGE_DATA_KEYS", "it=" + keys[0]);
        env.put("WANGGE_DATA_KEY_ID", "it");
        env.put("WANGGE_HASH_KEY", keys[1]);
        env.put("WANGGE_URL_KEY", keys[2]);
        return env;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void respond(HttpExchange exchange, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static byte[] unsigned(byte[] twosComplement) {
        return twosComplement.length > 1 && twosComplement[0] == 0 ? Arrays.copyOfRange(twosComplement, 1, twosComplement.length) : twosComplement;
    }
}
