package org.wangge.cases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Keys;

/** Photos a resident of a county of the class's own attaches to their report, seen by the village's chief. */
@QuarkusTest
class AttachmentTest {

    static final Doc ATTACHMENTS = Doc.of("cases/CaseAttachments");
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};

    private static Path file(byte[] content, String suffix) throws Exception {
        Path f = Files.createTempFile("upload", suffix);
        Files.write(f, content);
        return f;
    }

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    County c;
    String residentToken;

    @BeforeEach
    void county() {
        c = County.of(getClass());
        residentToken = c.resident.token();
    }

    @Test
    void photosAreCheckedByContentStoredAndServedThroughSignedAddresses() throws Exception {
        String id = Cases.report(c.resident, c.group1, "ENVIRONMENT", "随手拍：路边垃圾").getString("id");
        // a PNG with a misleading name is still a PNG
        JsonPath uploaded = given().header("Authorization", "Bearer " + residentToken)
                .multiPart("file", file(PNG, ".jpg").toFile(), "image/jpeg")
                .post("/cases/" + id + "/attachments").then().statusCode(201).extract().jsonPath();
        assertEquals("image/png", uploaded.getString("contentType"));

        JsonPath fromGraph = c.chief.ok(ATTACHMENTS, "id", id);
        String url = fromGraph.getString("case.attachments[0].url");
        assertEquals(c.resident.subject(), fromGraph.getString("case.attachments[0].uploadedBy"));
        byte[] downloaded = given().get(url).then().statusCode(200).header("Content-Type", "image/png")
                .header("X-Content-Type-Options", "nosniff").extract().asByteArray();
        assertArrayEquals(PNG, downloaded);
        // tampered or expired addresses are refused
        given().get(url.replaceAll("sig=[^&]+", "sig=forged")).then().statusCode(403);
        given().get(url.replaceAll("expires=\\d+", "expires=1")).then().statusCode(403);
    }

    @Test
    void bytesMissingFromTheStoreAreNotFoundNotAnError() throws Exception {
        String id = Cases.report(c.resident, c.group1, "ENVIRONMENT", "随手拍：文件丢失").getString("id");
        String attachment = given().header("Authorization", "Bearer " + residentToken).multiPart("file", file(PNG, ".png").toFile(), "image/png")
                .post("/cases/" + id + "/attachments").then().statusCode(201).extract().jsonPath().getString("id");
        String key = org.wangge.TestDb.rows(pool, "SELECT storage_key FROM case_attachment WHERE id = $1",
                java.util.UUID.fromString(Keys.text(attachment))).get(0).getString("storage_key");
        Files.delete(Path.of("target/test-attachments").resolve(key));
        String url = c.chief.ok(ATTACHMENTS, "id", id).getString("case.attachments[0].url");
        assertEquals("NOT_FOUND", given().get(url).then().statusCode(404).extract().jsonPath().getString("code"));
    }

    @Test
    void wrongTypesOversizeAndStrangersAreRefused() throws Exception {
        String id = Cases.report(c.resident, c.group1, "ENVIRONMENT", "随手拍：附件校验").getString("id");
        // an executable renamed to .png
        String code = given().header("Authorization", "Bearer " + residentToken)
                .multiPart("file", file(new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0}, ".png").toFile(), "image/png")
                .post("/cases/" + id + "/attachments").then().statusCode(415).extract().jsonPath().getString("code");
        assertEquals("VALIDATION", code);
        // a JPEG over 10 MB
        byte[] big = new byte[10 * 1024 * 1024 + 1];
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        String message = given().header("Authorization", "Bearer " + residentToken).multiPart("file", file(big, ".jpg").toFile())
                .post("/cases/" + id + "/attachments").then().statusCode(413).extract().jsonPath().getString("message");
        assertTrue(message.contains("10 MB"), message);
        // no token, or someone who may not see the case (to them it does not exist)
        given().multiPart("file", file(PNG, ".png").toFile()).post("/cases/" + id + "/attachments").then().statusCode(401);
        given().header("Authorization", "Bearer " + c.otherChief.token())
                .multiPart("file", file(PNG, ".png").toFile()).post("/cases/" + id + "/attachments").then().statusCode(404);
        given().header("Authorization", "Bearer " + residentToken).multiPart("file", file(PNG, ".png").toFile())
                .post("/cases/" + Keys.id("CaseFile", 999999999) + "/attachments").then().statusCode(404);
        assertEquals(0, c.chief.ok(ATTACHMENTS, "id", id).getList("case.attachments").size());
    }

    @Test
    void anUploadRetriedWithItsKeyIsStoredOnce() throws Exception {
        String id = Cases.report(c.resident, c.group1, "ENVIRONMENT", "随手拍：信号差时重发").getString("id");
        String key = "photo-" + System.nanoTime();
        Path photo = file(PNG, ".png");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(given().header("Authorization", "Bearer " + residentToken).header("Idempotency-Key", key)
                    .multiPart("file", photo.toFile(), "image/png").post("/cases/" + id + "/attachments")
                    .then().statusCode(201).extract().jsonPath().getString("id"));
        }
        assertEquals(1, new java.util.HashSet<>(ids).size(), "every retry answers the same attachment: " + ids);
        assertEquals(1, c.chief.ok(ATTACHMENTS, "id", id).getList("case.attachments").size());
        // another photo under the same key is another request: refused, and the first one is kept as it was
        byte[] other = java.util.Arrays.copyOf(PNG, PNG.length + 1);
        String code = given().header("Authorization", "Bearer " + residentToken).header("Idempotency-Key", key)
                .multiPart("file", file(other, ".png").toFile(), "image/png").post("/cases/" + id + "/attachments")
                .then().statusCode(400).extract().jsonPath().getString("code");
        assertEquals("VALIDATION", code);
        String url = c.chief.ok(ATTACHMENTS, "id", id).getString("case.attachments[0].url");
        assertArrayEquals(PNG, given().get(url).then().statusCode(200).extract().asByteArray());
        // without a key, each upload is a new attachment
        for (int i = 0; i < 2; i++) {
            given().header("Authorization", "Bearer " + residentToken).multiPart("file", photo.toFile(), "image/png")
                    .post("/cases/" + id + "/attachments").then().statusCode(201);
        }
        assertEquals(3, c.chief.ok(ATTACHMENTS, "id", id).getList("case.attachments").size());
    }
}
