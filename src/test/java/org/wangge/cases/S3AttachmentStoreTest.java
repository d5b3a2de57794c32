package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wangge.S3Server;
import org.wangge.cases.attachments.S3AttachmentStore;
import org.wangge.cases.attachments.StorageSettings;

/** The object store against an S3 server speaking the real protocol (signatures, chunked uploads, presigned addresses). */
class S3AttachmentStoreTest {

    private static S3Server server;

    @BeforeAll
    static void start() throws Exception {
        server = S3Server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    record Settings(Optional<URI> endpoint, Optional<String> bucket, Optional<String> prefix, boolean pathStyle, boolean chunkedEncoding,
            Optional<String> accessKey, Optional<String> secretKey, boolean presignedDownloads) implements StorageSettings.S3 {
        @Override
        public String region() {
            return "cn-north-1";
        }
    }

    private static Settings settings(String prefix, boolean pathStyle, boolean chunked, boolean presigned) throws Exception {
        return new Settings(Optional.of(server.endpoint()), Optional.of(S3Server.BUCKET), Optional.of(prefix), pathStyle, chunked,
                Optional.of(S3Server.ACCESS_KEY), Optional.of(S3Server.SECRET_KEY), presigned);
    }

    private static Path file(byte[] content) throws Exception {
        Path f = Files.createTempFile("object", ".bin");
        Files.write(f, content);
        return f;
    }

    @Test
    void storesAndReadsObjectsWithAndWithoutChunkedUploads() throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 7];
        new Random(7).nextBytes(content);
        for (boolean chunked : new boolean[] {true, false}) {
            try (S3AttachmentStore store = new S3AttachmentStore(settings("county-610702/", true, chunked, false))) {
                String key = "2026/12/" + chunked + ".bin";
                store.put(key, file(content));
                try (InputStream in = store.open(key)) {
                    assertArrayEquals(content, in.readAllBytes(), "chunked " + chunked);
                }
                // under the prefix, in the bucket
                assertTrue(server.holds("county-610702/" + key));
                assertEquals(Optional.empty(), store.downloadAddress(key, "a.png", "image/png", Duration.ofMinutes(5)));
            }
        }
    }

    @Test
    void aMissingObjectIsAMissingFileAndWrongCredentialsAreRefused() throws Exception {
        try (S3AttachmentStore store = new S3AttachmentStore(settings("", true, true, false))) {
            assertThrows(NoSuchFileException.class, () -> store.open("no/such/key"));
        }
        Settings wrong = new Settings(Optional.of(server.endpoint()), Optional.of(S3Server.BUCKET), Optional.empty(), true, true,
                Optional.of(S3Server.ACCESS_KEY), Optional.of("not-the-secret"), false);
        try (S3AttachmentStore store = new S3AttachmentStore(wrong)) {
            assertThrows(java.io.IOException.class, () -> store.put("x", file(new byte[] {1})));
        }
        Settings noBucket = new Settings(Optional.of(server.endpoint()), Optional.empty(), Optional.empty(), true, true, Optional.empty(), Optional.empty(),
                false);
        assertTrue(assertThrows(IllegalStateException.class, () -> new S3AttachmentStore(noBucket)).getMessage().contains("bucket"));
        Settings halfTheKeys = new Settings(Optional.of(server.endpoint()), Optional.of(S3Server.BUCKET), Optional.empty(), true, true,
                Optional.of(S3Server.ACCESS_KEY), Optional.empty(), false);
        assertTrue(assertThrows(IllegalStateException.class, () -> new S3AttachmentStore(halfTheKeys)).getMessage().contains("secret-key"));
    }

    @Test
    void presignedAddressesServeTheObjectWithItsNameAndTypeUntilTheyExpire() throws Exception {
        byte[] content = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        try (S3AttachmentStore store = new S3AttachmentStore(settings("p/", true, true, true))) {
            store.put("photo", file(content));
            URI address = store.downloadAddress("photo", "路边 垃圾.png", "image/png", Duration.ofMinutes(5)).orElseThrow();
            assertTrue(address.toString().startsWith(server.endpoint() + "/" + S3Server.BUCKET + "/p/photo?"), address.toString());
            HttpResponse<byte[]> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, answer.statusCode());
            assertArrayEquals(content, answer.body());
            assertEquals("image/png", answer.headers().firstValue("Content-Type").orElse(""));
            assertTrue(answer.headers().firstValue("Content-Disposition").orElse("").contains("%E8%B7%AF%E8%BE%B9%20%E5%9E%83%E5%9C%BE.png"));
            // a lifetime beyond what SigV4 allows is cut to seven days
            URI longest = store.downloadAddress("photo", "a.png", "image/png", Duration.ofDays(30)).orElseThrow();
            assertTrue(longest.getQuery().contains("X-Amz-Expires=604800"), longest.getQuery());
            // and ends with its lifetime
            URI brief = store.downloadAddress("photo", "a.png", "image/png", Duration.ofSeconds(1)).orElseThrow();
            Thread.sleep(2_100);
            assertEquals(403, HttpClient.newHttpClient().send(HttpRequest.newBuilder(brief).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
            // the signature covers the object: another key with it is refused
            URI other = URI.create(address.toString().replace("/p/photo?", "/p/other?"));
            assertEquals(403, HttpClient.newHttpClient().send(HttpRequest.newBuilder(other).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        // virtual-hosted addressing (Aliyun OSS): the bucket in the host name
        Settings hosted = new Settings(Optional.of(URI.create("https://s3.oss-cn-hangzhou.aliyuncs.com")), Optional.of("gov-bucket"), Optional.empty(), false, false,
                Optional.of("k"), Optional.of("s"), true);
        try (S3AttachmentStore store = new S3AttachmentStore(hosted)) {
            URI address = store.downloadAddress("a", "a.png", "image/png", Duration.ofMinutes(1)).orElseThrow();
            assertEquals("gov-bucket.s3.oss-cn-hangzhou.aliyuncs.com", address.getHost());
            assertEquals("/a", address.getPath());
        }
    }
}
