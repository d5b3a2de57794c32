package org.wangge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The checked-in realm (config/keycloak) says what wangge expects; KeycloakIT shows Keycloak takes it. */
class KeycloakRealmTest {

    static final Set<String> CLIENT_KEYS = Set.of("clientId", "name", "enabled", "publicClient", "clientAuthenticatorType", "secret",
            "standardFlowEnabled", "implicitFlowEnabled", "directAccessGrantsEnabled", "serviceAccountsEnabled", "redirectUris",
            "webOrigins", "attributes", "protocolMappers");

    static JsonObject realm() throws IOException {
        return new JsonObject(Files.readString(Path.of("config/keycloak/wangge-realm.json")));
    }

    @Test
    void clientsGetTokensOnlyTheWaysTheyShouldAndEveryTokenIsForWangge() throws IOException {
        for (Object o : realm().getJsonArray("clients")) {
            JsonObject client = (JsonObject) o;
            String id = client.getString("clientId");
            assertTrue(CLIENT_KEYS.containsAll(client.fieldNames()), id + ": a misspelt attribute among " + client.fieldNames());
            assertFalse(client.getBoolean("directAccessGrantsEnabled", true), id + ": no passwords through the token endpoint");
            assertFalse(client.getBoolean("implicitFlowEnabled", true), id + ": no implicit flow");
            if (client.getBoolean("publicClient", false)) {
                assertEquals("S256", client.getJsonObject("attributes").getString("pkce.code.challenge.method"), id + ": public clients use PKCE");
                assertFalse(client.getJsonArray("redirectUris").stream().anyMatch(u -> u.equals("*") || u.toString().equals("/*")), id);
            }
            Set<String> mappers = new HashSet<>();
            for (Object m : client.getJsonArray("protocolMappers")) {
                JsonObject mapper = (JsonObject) m;
                mappers.add(mapper.getString("protocolMapper") + ":" + mapper.getJsonObject("config")
                        .getString(mapper.getString("protocolMapper").equals("oidc-audience-mapper") ? "included.custom.audience" : "claim.name"));
            }
            assertEquals(Set.of("oidc-audience-mapper:wangge-api", "oidc-usermodel-realm-role-mapper:groups"), mappers, id);
        }
    }

    @Test
    void theRealmsRolesAreWanggesRolesAndItsPeopleTheDemoCounty() throws Exception {
        Set<String> roles = new TreeSet<>();
        for (Field f : Roles.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                roles.add((String) f.get(null));
            }
        }
        JsonObject realm = realm();
        Set<String> realmRoles = new TreeSet<>();
        realm.getJsonObject("roles").getJsonArray("realm").forEach(r -> realmRoles.add(((JsonObject) r).getString("name")));
        assertEquals(roles, realmRoles);
        for (Map.Entry<String, DemoUsers.DemoUser> demo : DemoUsers.ALL.entrySet()) {
            JsonObject user = realm.getJsonArray("users").stream().map(u -> (JsonObject) u)
                    .filter(u -> demo.getKey().equals(u.getString("id"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no user with id " + demo.getKey()));
            JsonArray userRoles = user.getJsonArray("realmRoles");
            assertEquals(demo.getValue().roles(), new HashSet<>(userRoles.getList()), demo.getKey());
        }
    }
}
