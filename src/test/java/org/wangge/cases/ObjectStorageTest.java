package org.wangge.cases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.S3Server;

/**
 * The application with its attachments in an object store (wangge.storage.kind=S3, an S3 server in
 * the test's process): an upload lands in the bucket under the configured prefix, and the signed
 * download address redirects to the store's own presigned address, which serves the bytes.
 */
@QuarkusTest
@TestProfile(ObjectStorageTest.InObjectStorage.class)
class ObjectStorageTest {

    private static S3Server server;

    public static class InObjectStorage implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(Store.class));
        }
    }

    public static class Store implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                server = S3Server.start();
                return Map.of("wangge.storage.kind", "S3", "wangge.storage.s3.endpoint", server.endpoint().toString(),
                        "wangge.storage.s3.bucket", S3Server.BUCKET, "wangge.storage.s3.prefix", "attachments/",
                        "wangge.storage.s3.path-style", "true", "wangge.storage.s3.access-key", S3Server.ACCESS_KEY,
                        "wangge.storage.s3.secret-key", S3Server.SECRET_KEY, "wangge.storage.s3.presigned-downloads", "true");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
            try {
                server.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 4, 5, 6};

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    @Test
    void attachmentsLiveInTheBucketAndDownloadFromIt() throws Exception {
        String id = Cases.report(c.resident, c.group1, "ENVIRONMENT", "随手拍：对象存储").getString("id");
        Path photo = Files.createTempFile("upload", ".png");
        Files.write(photo, PNG);
        given().header("Authorization", "Bearer " + c.resident.token()).multiPart("file", photo.toFile(), "image/png")
                .post("/cases/" + id + "/attachments").then().statusCode(201);
        String url = c.chief.ok(AttachmentTest.ATTACHMENTS, "id", id).getString("case.attachments[0].url");

        Response redirect = given().redirects().follow(false).get(url);
        assertEquals(302, redirect.statusCode(), redirect.asString());
        URI presigned = URI.create(redirect.header("Location"));
        assertTrue(presigned.toString().startsWith(server.endpoint() + "/" + S3Server.BUCKET + "/attachments/"), presigned.toString());
        String key = presigned.getPath().substring(("/" + S3Server.BUCKET + "/").length());
        assertTrue(server.holds(key), "stored in the bucket as " + key);
        HttpResponse<byte[]> bytes = HttpClient.newHttpClient().send(HttpRequest.newBuilder(presigned).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, bytes.statusCode());
        assertArrayEquals(PNG, bytes.body());
        assertEquals("image/png", bytes.headers().firstValue("Content-Type").orElse(""));
        // the store's address lives no longer than wangge's (15 minutes)
        java.util.regex.Matcher expires = java.util.regex.Pattern.compile("X-Amz-Expires=(\\d+)").matcher(presigned.getQuery());
        assertTrue(expires.find(), presigned.getQuery());
        assertTrue(Integer.parseInt(expires.group(1)) <= 900, presigned.getQuery());
        // wangge's own address is still checked first
        given().redirects().follow(false).get(url.replaceAll("sig=[^&]+", "sig=forged")).then().statusCode(403);

        // the store down: an upload is BUSY (503), and nothing is recorded
        server.close();
        String code = given().header("Authorization", "Bearer " + c.resident.token()).multiPart("file", photo.toFile(), "image/png")
                .post("/cases/" + id + "/attachments").then().statusCode(503).extract().jsonPath().getString("code");
        assertEquals("BUSY", code);
        assertEquals(1, c.chief.ok(AttachmentTest.ATTACHMENTS, "id", id).getList("case.attachments").size());
    }
}
