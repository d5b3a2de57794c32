package org.wangge.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wangge.GqlSocket;
import org.wangge.Instances;

/**
 * wangge behind a real Keycloak: the realm checked in (config/keycloak) is imported into the
 * Keycloak distribution Maven unpacked, and tokens are obtained as each kind of client does: a
 * person through the command centre's login (code + PKCE, the login form driven over HTTP), a
 * partner department by client credentials. A token of another realm is refused.
 */
class KeycloakIT {

    private static Process keycloak;
    private static Process wangge;
    private static int keycloakPort;
    private static int port;
    private static String issuer;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-26.5.6"));
        Path javaHome = java21OrNewer();
        Assumptions.assumeTrue(javaHome != null, "KeycloakIT skipped: Keycloak needs Java 21 or newer, and none was found "
                + "(set KEYCLOAK_JAVA_HOME, or install one under /usr/lib/jvm)");
        Assumptions.assumeTrue(Files.isExecutable(home.resolve("bin/kc.sh")), "KeycloakIT skipped: no Keycloak distribution at " + home);
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.copy(Path.of("config/keycloak/wangge-realm.json"), imports.resolve("wangge-realm.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(Path.of("src/test/resources/keycloak/other-realm.json"), imports.resolve("other-realm.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // a fresh database each run (start-dev keeps one under data/h2): the realms are imported as checked in
        deleteTree(home.resolve("data/h2"));

        keycloakPort = Instances.freePort();
        ProcessBuilder kc = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), "start-dev", "--import-realm",
                "--http-port=" + keycloakPort, "--http-management-port=" + Instances.freePort(), "--hostname-strict=false");
        kc.environment().put("JAVA_HOME", javaHome.toString());
        kc.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "kc-admin");
        kc.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", Instances.randomKey(12));
        kc.redirectErrorStream(true).redirectOutput(Path.of("target", "it-keycloak.log").toFile());
        keycloak = kc.start();
        issuer = "http://127.0.0.1:" + keycloakPort + "/realms/wangge";
        awaitKeycloak();

        port = Instances.freePort();
        int management = Instances.freePort();
        Map<String, String> env = new HashMap<>();
        env.put("OIDC_AUTH_SERVER_URL", issuer);
        env.put("OIDC_ISSUER", issuer);
        env.put("OIDC_AUDIENCE", "wangge-api");
        env.put("WANGGE_DATA_KEYS", "kc=" + Instances.randomKey(32));
        env.put("WANGGE_DATA_KEY_ID", "kc");
        env.put("WANGGE_HASH_KEY", Instances.randomKey(32));
        env.put("WANGGE_URL_KEY", Instances.randomKey(32));
        wangge = Instances.launch("keycloak", port, management, env);
        Instances.awaitReady(management, wangge);
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : new Process[] {wangge, keycloak}) {
            if (p != null) {
                p.destroy();
                p.waitFor();
            }
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void aPersonLoggedInThroughTheCommandCentreQueriesChangesAndFollows() throws Exception {
        String token = login("admin", "demo");
        JsonObject claims = claims(token);
        assertEquals("admin", claims.getString("sub"), "the realm's user ids are the demo county's subjects");
        assertTrue(claims.getJsonArray("groups").contains("admin"), claims.encode());

        String grid = graphql(token, "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                Map.of("i", Map.of("code", "KC-" + System.nanoTime(), "name", "身份测试", "kind", "MICRO_GRID")))
                .getJsonObject("createGrid").getString("id");
        assertTrue(graphql(token, "{ departments { id } }", Map.of()).getJsonArray("departments") != null);
        try (GqlSocket socket = GqlSocket.open(vertx, port, null)) {
            assertEquals("connection_ack", socket.init(Map.of("Authorization", "Bearer " + token)).getString("type"));
            Map<String, Object> vars = new HashMap<>();
            vars.put("f", Map.of("gridId", grid));
            socket.subscribe("1", "subscription($f: CaseEventFilter) { caseEvents(filter: $f) { action caseId } }", vars);
            Thread.sleep(500);
            String id = graphql(token, "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                    Map.of("i", Map.of("kind", "SAFETY_HAZARD", "title", "经 Keycloak 登录上报", "gridId", grid)))
                    .getJsonObject("reportCase").getString("id");
            JsonObject next = socket.next(15);
            assertNotNull(next, "the report's update arrived");
            assertEquals(id, next.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents").getString("caseId"));
        }
    }

    @Test
    void aDepartmentWithClientCredentialsReadsWhatWasDispatchedToIt() throws Exception {
        String admin = login("admin", "demo");
        String department = clientCredentials("wangge", "police-department", "dev-police-department-secret-change-me");
        assertEquals("dept-police", claims(department).getString("sub"));
        assertTrue(String.valueOf(claims(department).getValue("aud")).contains("wangge-api"), "the audience mapper gives wangge's audience");

        String code = "kc-police-" + System.nanoTime();
        String departmentId = graphql(admin, "mutation($c: String!) { createDepartment(code: $c, name: \"城关派出所\", kind: \"POLICE\") { id } }",
                Map.of("c", code)).getJsonObject("createDepartment").getString("id");
        graphql(admin, "mutation($d: ID!) { departmentMember(departmentId: $d, subject: \"dept-police\", displayName: \"城关派出所\") { id } }",
                Map.of("d", departmentId));
        String grid = graphql(admin, "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                Map.of("i", Map.of("code", "KC-D-" + System.nanoTime(), "name", "派单测试", "kind", "MICRO_GRID")))
                .getJsonObject("createGrid").getString("id");
        JsonObject c = graphql(admin, "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id version } }",
                Map.of("i", Map.of("kind", "SAFETY_HAZARD", "title", "需派出所处理", "gridId", grid))).getJsonObject("reportCase");
        String id = c.getString("id");

        try (GqlSocket socket = GqlSocket.open(vertx, port, null)) {
            assertEquals("connection_ack", socket.init(Map.of("Authorization", "Bearer " + department)).getString("type"));
            socket.subscribe("1", "subscription($f: CaseEventFilter) { caseEvents(filter: $f) { action caseId } }",
                    Map.of("f", Map.of("departmentId", departmentId)));
            Thread.sleep(500);
            int version = graphql(admin, "mutation($id: ID!, $v: Int!) { acceptCase(id: $id, version: $v) { version } }",
                    Map.of("id", id, "v", c.getInteger("version"))).getJsonObject("acceptCase").getInteger("version");
            graphql(admin, "mutation($id: ID!, $v: Int!, $d: ID) { dispatchCase(id: $id, version: $v, toDepartmentId: $d) { id } }",
                    Map.of("id", id, "v", version, "d", departmentId));
            JsonObject next = socket.next(15);
            assertNotNull(next, "the dispatch reached the department");
            assertEquals("DISPATCH", next.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents").getString("action"));
        }
        assertEquals(id, graphql(department, "query($id: ID!) { case(id: $id) { id } }", Map.of("id", id))
                .getJsonObject("case").getString("id"));
    }

    @Test
    void aTokenOfAnotherRealmIsRefused() throws Exception {
        String intruder = clientCredentials("other", "intruder", "intruder-secret");
        assertTrue(claims(intruder).getJsonArray("groups").contains("admin"), "an admin there, with wangge's audience");
        given().baseUri("http://127.0.0.1:" + port).contentType(ContentType.JSON).header("Authorization", "Bearer " + intruder)
                .body(Map.of("query", "{ departments { id } }")).post("/graphql").then().statusCode(401);
    }

    // ---- tokens as clients get them ----

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * A browser's cookie jar for a login on 127.0.0.1: Keycloak marks its session cookies Secure,
     * and browsers send those to a loopback address over plain http; the JDK's cookie manager does not.
     */
    private static final class LoopbackCookies extends java.net.CookieHandler {
        private final Map<String, String> jar = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            String cookies = jar.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
            return cookies.isEmpty() ? Map.of() : Map.of("Cookie", List.of(cookies));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if ("set-cookie".equalsIgnoreCase(name)) {
                    for (String header : values) {
                        for (java.net.HttpCookie cookie : java.net.HttpCookie.parse(header)) {
                            if (cookie.getMaxAge() == 0) {
                                jar.remove(cookie.getName());
                            } else {
                                jar.put(cookie.getName(), cookie.getValue());
                            }
                        }
                    }
                }
            });
        }
    }

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    /** The command centre's login: authorization code with PKCE, the login form filled in as a browser would. */
    private static String login(String username, String password) throws Exception {
        // a fresh browser each time: its own cookies, so each login shows the form
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LoopbackCookies()).followRedirects(HttpClient.Redirect.NEVER).build();
        String redirect = "http://localhost:5173/callback";
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = issuer + "/protocol/openid-connect/auth?" + form(Map.of("client_id", "command-centre", "response_type", "code",
                "scope", "openid", "redirect_uri", redirect, "state", "s" + System.nanoTime(), "code_challenge", challenge,
                "code_challenge_method", "S256"));
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(), HttpResponse.BodyHandlers.ofString());
        Matcher action = FORM_ACTION.matcher(page.body());
        assertTrue(action.find(), "a login form: " + page.statusCode());
        HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(Map.of("username", username, "password", password, "credentialId", ""))))
                .build(), HttpResponse.BodyHandlers.ofString());
        String location = posted.headers().firstValue("Location").orElseThrow(() -> new AssertionError("not logged in: " + posted.statusCode()));
        assertTrue(location.startsWith(redirect), location);
        String code = query(URI.create(location)).get("code");
        return token(form(Map.of("grant_type", "authorization_code", "client_id", "command-centre", "code", code, "redirect_uri", redirect,
                "code_verifier", verifier)), "wangge");
    }

    private static String clientCredentials(String realm, String client, String secret) throws Exception {
        return token(form(Map.of("grant_type", "client_credentials", "client_id", client, "client_secret", secret)), realm);
    }

    private static String token(String body, String realm) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + keycloakPort + "/realms/" + realm
                + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return new JsonObject(answer.body()).getString("access_token");
    }

    private static JsonObject claims(String jwt) {
        return new JsonObject(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            values.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static JsonObject graphql(String token, String query, Map<String, Object> variables) {
        String body = given().baseUri("http://127.0.0.1:" + port).contentType(ContentType.JSON).header("Authorization", "Bearer " + token)
                .body(Map.of("query", query, "variables", variables)).post("/graphql").then().statusCode(200).extract().asString();
        JsonObject json = new JsonObject(body);
        if (json.getJsonArray("errors") != null) {
            throw new AssertionError(body);
        }
        return json.getJsonObject("data");
    }

    // ---- the Keycloak process ----

    /** KEYCLOAK_JAVA_HOME, or the newest JDK of 21 or more under /usr/lib/jvm; null if none. */
    private static Path java21OrNewer() throws IOException {
        String given = System.getenv("KEYCLOAK_JAVA_HOME");
        if (given != null && Files.isExecutable(Path.of(given, "bin", "java"))) {
            return Path.of(given);
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return null;
        }
        Pattern version = Pattern.compile("(?:jdk-?|java-|temurin-|openjdk-)(\\d+)");
        try (var dirs = Files.list(jvms)) {
            List<Path> found = dirs.filter(d -> Files.isExecutable(d.resolve("bin/java"))).filter(d -> {
                Matcher m = version.matcher(d.getFileName().toString());
                return m.find() && Integer.parseInt(m.group(1)) >= 21;
            }).sorted().toList();
            return found.isEmpty() ? null : found.get(found.size() - 1);
        }
    }

    private static void awaitKeycloak() throws Exception {
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).GET().build();
        for (int i = 0; i < 240; i++) {
            if (!keycloak.isAlive()) {
                throw new AssertionError("Keycloak stopped; see target/it-keycloak.log");
            }
            try {
                if (HTTP.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Keycloak not ready in 120 s; see target/it-keycloak.log");
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
