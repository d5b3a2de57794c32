package org.wangge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl kustomize} builds the base (k8s/) and the province overlay (k8s/province): a
 * CloudNativePG cluster of a primary and two replicas with -rw and -ro poolers, the application on
 * the -rw pooler, its attachments in an object store with no shared volume left, and every
 * setting it passes one the application reads.
 */
class K8sProvinceTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @BeforeAll
    static void kubectl() {
        Assumptions.assumeTrue(onPath("kubectl"), "kubectl is not on the PATH: the kustomize builds are not checked here");
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    private static List<JsonNode> build(String dir) throws Exception {
        Process process = new ProcessBuilder("kubectl", "kustomize", dir).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "kubectl kustomize " + dir + " did not finish");
        assertEquals(0, process.exitValue(), "kubectl kustomize " + dir + ": " + err);
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(out)) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static JsonNode named(List<JsonNode> docs, String kind, String name) {
        return ofKind(docs, kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    @Test
    void theBaseBuildsWithItsVolumeAndOneDatabaseAddress() throws Exception {
        List<JsonNode> base = build("k8s");
        assertEquals(1, ofKind(base, "PersistentVolumeClaim").size());
        assertTrue(ofKind(base, "Cluster").isEmpty());
        JsonNode config = named(base, "ConfigMap", "wangge-config").path("data");
        assertTrue(config.path("WANGGE_STORAGE_KIND").isMissingNode(), "the file-system store, by default");
        assertFalse(config.path("WANGGE_STORAGE_DIR").asText().isBlank());
        assertFalse(config.path("DB_REACTIVE_URL").asText().contains("pooler"));
    }

    @Test
    void theProvinceRunsOnAReplicatedClusterAndAnObjectStore() throws Exception {
        List<JsonNode> province = build("k8s/province");
        JsonNode cluster = named(province, "Cluster", "wangge-db");
        assertEquals(3, cluster.path("spec").path("instances").asInt(), "a primary and two replicas");
        assertEquals("off", cluster.path("spec").path("postgresql").path("parameters").path("jit").asText());
        assertEquals("rw", named(province, "Pooler", "wangge-db-pooler-rw").path("spec").path("type").asText());
        assertEquals("ro", named(province, "Pooler", "wangge-db-pooler-ro").path("spec").path("type").asText());
        for (JsonNode pooler : ofKind(province, "Pooler")) {
            // LISTEN and prepared statements need their session
            assertEquals("session", pooler.path("spec").path("pgbouncer").path("poolMode").asText());
            assertEquals("wangge-db", pooler.path("spec").path("cluster").path("name").asText());
        }
        JsonNode config = named(province, "ConfigMap", "wangge-config").path("data");
        assertTrue(config.path("DB_REACTIVE_URL").asText().contains("//wangge-db-pooler-rw:"), config.toString());
        assertTrue(config.path("DB_JDBC_URL").asText().contains("//wangge-db-rw:"), config.toString());
        assertTrue(config.path("DB_REPLICA_URL").asText().contains("//wangge-db-pooler-ro:"), "queries read the replicas");
        assertEquals("S3", config.path("WANGGE_STORAGE_KIND").asText());
        assertTrue(ofKind(province, "PersistentVolumeClaim").isEmpty(), "no shared volume");
        JsonNode pod = named(province, "Deployment", "wangge").path("spec").path("template").path("spec");
        assertFalse(pod.path("volumes").toString().contains("attachments"), pod.path("volumes").toString());
        JsonNode container = pod.path("containers").get(0);
        assertFalse(container.path("volumeMounts").toString().contains("attachments"));
        assertTrue(container.path("env").toString().contains("wangge-db-app"), "database credentials from the cluster's Secret");
        // every key the overlay passes is read by the application
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));
        List<String> unread = new ArrayList<>();
        JsonNode secret = named(province, "Secret", "wangge-secrets");
        for (JsonNode data : List.of(config, secret.path("stringData"), secret.path("data"))) {
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                String key = it.next().getKey();
                if (!key.startsWith("QUARKUS_") && !properties.contains("${" + key)) {
                    unread.add(key);
                }
            }
        }
        assertTrue(unread.isEmpty(), "passed but never read: " + unread);
    }

}
