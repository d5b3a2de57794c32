package org.wangge.open311;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.xml.XmlPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;

/** Open311 GeoReport v2 at /open311/v2: each endpoint in both formats, the spec's limits and errors, and who reads what. */
@QuarkusTest
class Open311Test {

    static final Doc CREATE_GRID = Doc.of("grid/CreateGrid");
    static final String ISSUE = "mutation($n: String!) { issueOpen311Key(name: $n) { id key subject } }";
    static final String REVOKE = "mutation($id: ID!) { revokeOpen311Key(id: $id) { revokedAt } }";
    static final String PHONE = "13800138000";
    static final String EMAIL = "caller@example.com";

    @Inject
    Pool pool;

    County c;
    static String leaf;

    @BeforeEach
    void county() {
        c = County.of(getClass());
        if (leaf == null) {
            // a micro-grid with a boundary in the county's village, where a point finds it
            Map<String, Object> input = Fixtures.input(c.village.id(), c.code(c.village), "开放三一一", "MICRO_GRID");
            input.put("boundary", "{\"type\":\"Polygon\",\"coordinates\":[[[112.0,31.0],[112.1,31.0],[112.1,31.1],[112.0,31.1],[112.0,31.0]]]}");
            leaf = As.admin().field(CREATE_GRID, "input", input).getString("id");
        }
    }

    static RequestSpecification as(Gql who) {
        return who == null ? given() : given().header("Authorization", "Bearer " + who.token());
    }

    static Map<String, String> form(String... pairs) {
        Map<String, String> f = new HashMap<>(Map.of("service_code", "LIVELIHOOD", "lat", "31.05", "long", "112.05",
                "description", "独居老人家中停水三天\n请尽快处理", "attribute[item]", "LIVELIHOOD_ELDERLY"));
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] == null) {
                f.remove(pairs[i]);
            } else {
                f.put(pairs[i], pairs[i + 1]);
            }
        }
        return f;
    }

    static Response post(RequestSpecification spec, String format, Map<String, String> form) {
        return spec.contentType("application/x-www-form-urlencoded; charset=utf-8").formParams(form).post("/open311/v2/requests." + format);
    }

    static String reported(Response r) {
        r.then().statusCode(200);
        return r.jsonPath().getString("[0].service_request_id");
    }

    @Test
    void servicesAreTheCatalogueInBothFormats() {
        JsonPath json = given().get("/open311/v2/services.json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> dispute = json.getMap("find { it.service_code == 'DISPUTE' }");
        assertEquals("矛盾纠纷", dispute.get("service_name"));
        assertEquals("realtime", dispute.get("type"));
        assertEquals(true, dispute.get("metadata"));
        assertTrue(((String) dispute.get("keywords")).contains("邻里纠纷"));
        XmlPath xml = given().get("/open311/v2/services.xml").then().statusCode(200).contentType("application/xml").extract().xmlPath();
        assertEquals("民生诉求", xml.getString("services.service.find { it.service_code == 'LIVELIHOOD' }.service_name"));

        JsonPath definition = given().get("/open311/v2/services/DISPUTE.json").then().statusCode(200).extract().jsonPath();
        assertEquals("DISPUTE", definition.getString("service_code"));
        assertEquals(List.of("item", "risk_colour"), definition.getList("attributes.code"));
        assertEquals("singlevaluelist", definition.getString("attributes[0].datatype"));
        assertEquals(4, definition.getList("attributes[0].values").size());
        XmlPath defXml = given().get("/open311/v2/services/DISPUTE.xml").then().statusCode(200).extract().xmlPath();
        assertEquals("DISPUTE_NEIGHBOUR", defXml.getString("service_definition.attributes.attribute[0].values.value[0].key"));

        // errors: the spec's array of {code, description}
        JsonPath missing = given().get("/open311/v2/services/NO_SUCH.json").then().statusCode(404).extract().jsonPath();
        assertEquals(404, missing.getInt("[0].code"));
        assertNotNull(missing.getString("[0].description"));
        given().get("/open311/v2/services.yaml").then().statusCode(404);
        given().queryParam("jurisdiction_id", "999999999999").get("/open311/v2/services.json").then().statusCode(404);
        given().queryParam("jurisdiction_id", c.village.code()).get("/open311/v2/services.json").then().statusCode(404);
        given().queryParam("jurisdiction_id", c.county.code()).get("/open311/v2/services.json").then().statusCode(200);
    }

    @Test
    void aResidentReportsAndReadsItBackWithoutTheirContact() {
        String id = reported(post(as(c.resident), "json", form("address_string", "东关村3组12号", "media_url", "https://img.example.com/a.jpg",
                "phone", PHONE, "email", EMAIL, "jurisdiction_id", c.county.code())));
        assertTrue(id.startsWith("C"), id);

        Response read = as(c.resident).get("/open311/v2/requests/" + id + ".json");
        read.then().statusCode(200);
        JsonPath r = read.jsonPath().setRootPath("[0]");
        assertEquals(id, r.getString("service_request_id"));
        assertEquals("open", r.getString("status"));
        assertEquals("待受理", r.getString("status_notes"));
        assertEquals("LIVELIHOOD", r.getString("service_code"));
        assertEquals("民生诉求", r.getString("service_name"));
        assertEquals("东关村3组12号", r.getString("address"));
        assertEquals("https://img.example.com/a.jpg", r.getString("media_url"));
        assertEquals(31.05, r.getDouble("lat"), 1e-6);
        assertEquals(112.05, r.getDouble("long"), 1e-6);
        assertTrue(r.getString("requested_datetime").endsWith("+08:00"), r.getString("requested_datetime"));
        assertTrue(OffsetDateTime.parse(r.getString("expected_datetime")).isAfter(OffsetDateTime.parse(r.getString("requested_datetime"))));
        assertFalse(read.asString().contains(PHONE) || read.asString().contains(EMAIL), "a reporter's contact never appears");
        // kept sealed for the centre, not readable in the database
        var contact = TestDb.rows(pool, "SELECT phone_cipher, email_cipher FROM case_contact cc JOIN case_file f ON f.id = cc.case_id WHERE f.number = $1", id);
        assertEquals(1, contact.size());
        assertFalse(new String(contact.get(0).getBuffer(0).getBytes(), java.nio.charset.StandardCharsets.ISO_8859_1).contains(PHONE));

        XmlPath xml = as(c.resident).get("/open311/v2/requests/" + id + ".xml").then().statusCode(200).extract().xmlPath();
        assertEquals("open", xml.getString("service_requests.request.status"));
        assertEquals(id, xml.getString("service_requests.request.service_request_id"));

        // sent again after a lost answer (GeoReport clients send no key): the same request, not a second case
        assertEquals(id, reported(post(as(c.resident), "json", form("address_string", "东关村3组12号", "media_url", "https://img.example.com/a.jpg",
                "phone", PHONE, "email", EMAIL, "jurisdiction_id", c.county.code()))));
        // a jurisdiction is applied: the request is in this county, not in the demo county
        assertTrue(as(c.chief).queryParam("jurisdiction_id", c.county.code()).get("/open311/v2/requests.json").jsonPath()
                .getList("service_request_id").contains(id));
        assertFalse(as(Gql.admin()).queryParam("jurisdiction_id", "411321").get("/open311/v2/requests.json").jsonPath()
                .getList("service_request_id").contains(id));
        post(as(c.resident), "json", form("jurisdiction_id", "411321", "description", "不在这个县")).then().statusCode(400);

        // the CaseFile rule: staff over the grid see it, others do not (404, as if it did not exist), nobody without credentials
        as(c.chief).get("/open311/v2/requests/" + id + ".json").then().statusCode(200);
        as(c.otherChief).get("/open311/v2/requests/" + id + ".json").then().statusCode(404);
        JsonPath denied = given().get("/open311/v2/requests/" + id + ".json").then().statusCode(403).extract().jsonPath();
        assertEquals(403, denied.getInt("[0].code"));

        // lists: by status, service and ids
        assertTrue(as(c.chief).queryParam("status", "open").get("/open311/v2/requests.json").jsonPath()
                .getList("service_request_id").contains(id));
        assertFalse(as(c.chief).queryParam("status", "closed").get("/open311/v2/requests.json").jsonPath()
                .getList("service_request_id").contains(id));
        assertFalse(as(c.chief).queryParam("service_code", "DISPUTE").get("/open311/v2/requests.json").jsonPath()
                .getList("service_request_id").contains(id));
        assertEquals(List.of(id), as(c.chief).queryParam("service_request_id", id + ",C19990101-000001")
                .get("/open311/v2/requests.json").jsonPath().getList("service_request_id"));
        assertFalse(as(c.otherChief).queryParam("service_request_id", id).get("/open311/v2/requests.json").jsonPath()
                .getList("service_request_id").contains(id));
    }

    @Test
    void aPartnerReportsWithAnApiKeyAndReadsBackOnlyItsOwn() {
        JsonPath issued = Gql.admin().ok(ISSUE, "n", "市12345热线").setRootPath("data.issueOpen311Key");
        String key = issued.getString("key");
        JsonPath other = Gql.admin().ok(ISSUE, "n", "另一个伙伴").setRootPath("data.issueOpen311Key");
        assertNull(Gql.admin().ok("{ open311Keys { key } }").getString("open311Keys[0].key"), "a key is shown only when issued");

        String id = reported(post(given(), "json", form("api_key", key, "last_name", "王", "first_name", "五", "phone", PHONE)));
        var row = TestDb.rows(pool, "SELECT source, reporter_name, reporter_subject FROM case_file WHERE number = $1", id).get(0);
        assertEquals("HOTLINE", row.getString(0));
        assertEquals("王五", row.getString(1));
        assertEquals(issued.getString("subject"), row.getString(2));
        assertTrue(given().queryParam("api_key", key).get("/open311/v2/requests.json").jsonPath().getList("service_request_id").contains(id));
        given().queryParam("api_key", key).get("/open311/v2/requests/" + id + ".json").then().statusCode(200);
        given().queryParam("api_key", other.getString("key")).get("/open311/v2/requests/" + id + ".json").then().statusCode(404);
        // a wrong or revoked key: 403
        given().queryParam("api_key", "o311_wrong").get("/open311/v2/requests.json").then().statusCode(403);
        Gql.admin().ok(REVOKE, "id", issued.getString("id"));
        assertEquals(403, post(given(), "json", form("api_key", key)).then().statusCode(403).extract().jsonPath().getInt("[0].code"));
        given().queryParam("api_key", key).get("/open311/v2/requests.json").then().statusCode(403);
    }

    @Test
    void theSpecsLimitsAndErrors() {
        assertEquals(400, post(as(c.resident), "json", form("description", "长".repeat(4001))).then().statusCode(400).extract().jsonPath()
                .getInt("[0].code"));
        post(as(c.resident), "json", form("description", "长".repeat(4000))).then().statusCode(200);
        post(as(c.resident), "json", form("service_code", null)).then().statusCode(400);
        post(as(c.resident), "json", form("service_code", "NO_SUCH")).then().statusCode(404);
        post(as(c.resident), "json", form("lat", null, "long", null, "address_string", "东关村")).then().statusCode(400);
        post(as(c.resident), "json", form("attribute[item]", "HAZARD_FIRE")).then().statusCode(400);
        post(as(c.resident), "json", form("media_url", "javascript:alert(1)")).then().statusCode(400);
        post(as(c.resident), "json", form("jurisdiction_id", "000000")).then().statusCode(404);
        // a character no database or XML answer can carry: refused as bad input, not a server error
        post(as(c.resident), "json", form("description", "停水\u0000三天")).then().statusCode(400);
        post(given(), "json", form()).then().statusCode(403);
        XmlPath xml = post(as(c.resident), "xml", form("service_code", null)).then().statusCode(400).contentType("application/xml")
                .extract().xmlPath();
        assertEquals(400, xml.getInt("errors.error.code"));

        // at most 90 days a query
        as(c.chief).queryParam("start_date", "2026-01-01T00:00:00+08:00").queryParam("end_date", "2026-04-15T00:00:00+08:00")
                .get("/open311/v2/requests.json").then().statusCode(400);
        as(c.chief).queryParam("start_date", "2026-01-01T00:00:00+08:00").queryParam("end_date", "2026-03-01T00:00:00+08:00")
                .get("/open311/v2/requests.json").then().statusCode(200);
        as(c.chief).queryParam("status", "pending").get("/open311/v2/requests.json").then().statusCode(400);
        as(c.chief).queryParam("start_date", "yesterday").get("/open311/v2/requests.json").then().statusCode(400);
        as(c.chief).get("/open311/v2/requests/C19990101-000001.json").then().statusCode(404);
    }
}
