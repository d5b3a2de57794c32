package org.wangge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Static checks on the kustomize base under {@code k8s/base}. Plain unit test: it reads files
 * relative to the project root (Maven's working directory) and never starts the application.
 */
class K8sManifestsTest {

    private static final Path K8S = Path.of("k8s", "base");
    private static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");
    private static final String KUSTOMIZATION = "kustomization.yaml";

    /** ConfigMap keys Quarkus maps to configuration by itself, without a ${KEY} reference. */
    private static final Set<String> CONFIG_KEYS_MAPPED_BY_QUARKUS = Set.of("QUARKUS_HTTP_PORT", "QUARKUS_MANAGEMENT_PORT");
    /** Secret keys reserved for features that do not read them yet. */
    private static final Set<String> SECRET_KEYS_NOT_YET_READ = Set.of();

    private static final YAMLMapper YAML = new YAMLMapper();

    /** File name -> parsed document, in directory order. */
    private static Map<String, JsonNode> manifests;

    @BeforeAll
    static void load() throws IOException {
        assertTrue(Files.isDirectory(K8S),
                "k8s/base/ not found relative to the working directory " + Path.of("").toAbsolutePath());
        manifests = new LinkedHashMap<>();
        for (Path file : yamlFiles()) {
            String name = file.getFileName().toString();
            JsonNode doc;
            try {
                doc = YAML.readTree(file.toFile());
            } catch (IOException e) {
                throw new AssertionError("k8s/base/" + name + " is not valid YAML: " + e.getMessage(), e);
            }
            assertNotNull(doc, "k8s/base/" + name + " is empty");
            assertTrue(doc.isObject(), "k8s/base/" + name + " must hold a single YAML mapping");
            manifests.put(name, doc);
        }
        assertFalse(manifests.isEmpty(), "no *.yaml files in k8s/base/");
    }

    private static List<Path> yamlFiles() throws IOException {
        try (Stream<Path> files = Files.list(K8S)) {
            return files.filter(p -> Files.isRegularFile(p))
                    .filter(p -> p.getFileName().toString().endsWith(".yaml")
                            || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyManifestHasApiVersionKindAndName() {
        manifests.forEach((file, doc) -> {
            assertFalse(text(doc, "apiVersion").isBlank(), "k8s/base/" + file + ": missing apiVersion");
            assertFalse(text(doc, "kind").isBlank(), "k8s/base/" + file + ": missing kind");
            assertFalse(text(doc.path("metadata"), "name").isBlank(), "k8s/base/" + file + ": missing metadata.name");
        });
    }

    @Test
    void kustomizationListsExactlyTheOtherManifests() {
        JsonNode kustomization = manifests.get(KUSTOMIZATION);
        assertNotNull(kustomization, "k8s/base/" + KUSTOMIZATION + " is missing");
        assertEquals("Kustomization", text(kustomization, "kind"), "k8s/base/" + KUSTOMIZATION + ": wrong kind");

        JsonNode resources = kustomization.path("resources");
        assertTrue(resources.isArray() && resources.size() > 0,
                "k8s/base/" + KUSTOMIZATION + ": 'resources' must be a non-empty list");
        List<String> listed = new ArrayList<>();
        resources.forEach(r -> listed.add(r.asText()));

        Set<String> listedSet = new TreeSet<>(listed);
        assertEquals(listed.size(), listedSet.size(), "k8s/base/" + KUSTOMIZATION + " lists a resource twice: " + listed);
        for (String resource : listed) {
            assertTrue(Files.isRegularFile(K8S.resolve(resource)),
                    "k8s/base/" + KUSTOMIZATION + " lists '" + resource + "' but k8s/" + resource + " does not exist");
        }

        Set<String> onDisk = new TreeSet<>(manifests.keySet());
        onDisk.remove(KUSTOMIZATION);
        Set<String> forgotten = new TreeSet<>(onDisk);
        forgotten.removeAll(listedSet);
        assertTrue(forgotten.isEmpty(), "manifests in k8s/ not listed in " + KUSTOMIZATION + ": " + forgotten);
        assertEquals(onDisk, listedSet, "k8s/base/" + KUSTOMIZATION + " resources must be exactly the other k8s/base/*.yaml files");
    }

    @Test
    void deploymentProbesResourcesAndEnv() {
        JsonNode deployment = single("Deployment");
        JsonNode container = mainContainer(deployment);
        String where = "Deployment " + name(deployment) + ", container " + text(container, "name");

        assertProbe(container, "livenessProbe", "/q/health/live", where);
        assertProbe(container, "readinessProbe", "/q/health/ready", where);
        assertProbe(container, "startupProbe", "/q/health/started", where);

        JsonNode requests = container.path("resources").path("requests");
        assertFalse(text(requests, "cpu").isBlank(),
                where + ": resources.requests.cpu is required (the HPA scales on CPU relative to it)");
        assertFalse(text(requests, "memory").isBlank(), where + ": resources.requests.memory is required");

        String configMap = envFromRef(container, "configMapRef", where);
        String secret = envFromRef(container, "secretRef", where);
        assertTrue(names("ConfigMap").contains(configMap),
                where + ": envFrom references ConfigMap '" + configMap + "' but k8s/base/ only defines " + names("ConfigMap"));
        assertTrue(names("Secret").contains(secret),
                where + ": envFrom references Secret '" + secret + "' but k8s/base/ only defines " + names("Secret"));
    }

    /** Health and metrics live on the management interface: probes and Prometheus go there, the Service does not. */
    @Test
    void healthAndMetricsAreOnTheManagementPortOnly() {
        JsonNode deployment = single("Deployment");
        JsonNode container = mainContainer(deployment);
        String managementPort = single("ConfigMap").path("data").path("QUARKUS_MANAGEMENT_PORT").asText("9000");
        String httpPort = single("ConfigMap").path("data").path("QUARKUS_HTTP_PORT").asText("8080");
        String managementName = null;
        for (JsonNode p : container.path("ports")) {
            if (managementPort.equals(text(p, "containerPort"))) {
                managementName = text(p, "name");
            }
        }
        assertNotNull(managementName, "no containerPort " + managementPort + " for the management interface");
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            String port = text(container.path(probe).path("httpGet"), "port");
            assertTrue(port.equals(managementName) || port.equals(managementPort), probe + " must use the management port, not " + port);
        }
        JsonNode annotations = deployment.path("spec").path("template").path("metadata").path("annotations");
        assertEquals(managementPort, text(annotations, "prometheus.io/port"), "Prometheus scrapes the management port");
        assertEquals("/q/metrics", text(annotations, "prometheus.io/path"));
        for (JsonNode p : single("Service").path("spec").path("ports")) {
            String target = text(p, "targetPort");
            assertFalse(target.equals(managementName) || target.equals(managementPort), "the Service must not expose the management port");
            assertTrue(target.equals("http") || target.equals(httpPort), "the Service exposes the API port only, not " + target);
        }
    }

    @Test
    void selectorsMatchPodTemplateAndHpaTargetsDeployment() {
        JsonNode deployment = single("Deployment");
        Map<String, String> podLabels = stringMap(deployment.path("spec").path("template").path("metadata").path("labels"));
        assertFalse(podLabels.isEmpty(), "Deployment " + name(deployment) + ": pod template has no labels");

        assertSelects("Deployment " + name(deployment) + " spec.selector.matchLabels",
                stringMap(deployment.path("spec").path("selector").path("matchLabels")), podLabels);
        JsonNode service = single("Service");
        assertSelects("Service " + name(service) + " spec.selector",
                stringMap(service.path("spec").path("selector")), podLabels);
        JsonNode pdb = single("PodDisruptionBudget");
        assertSelects("PodDisruptionBudget " + name(pdb) + " spec.selector.matchLabels",
                stringMap(pdb.path("spec").path("selector").path("matchLabels")), podLabels);

        JsonNode target = single("HorizontalPodAutoscaler").path("spec").path("scaleTargetRef");
        assertEquals("Deployment", text(target, "kind"), "HorizontalPodAutoscaler scaleTargetRef.kind");
        assertEquals(name(deployment), text(target, "name"),
                "HorizontalPodAutoscaler scaleTargetRef.name must name the Deployment");
    }

    @Test
    void configMapAndSecretKeysAreReadByApplicationProperties() throws IOException {
        assertTrue(Files.isRegularFile(APPLICATION_PROPERTIES), APPLICATION_PROPERTIES + " not found");
        String properties = Files.readString(APPLICATION_PROPERTIES);
        JsonNode container = mainContainer(single("Deployment"));
        String configMapName = envFromRef(container, "configMapRef", "Deployment");
        String secretName = envFromRef(container, "secretRef", "Deployment");

        JsonNode configMap = byKindAndName("ConfigMap", configMapName);
        JsonNode secret = byKindAndName("Secret", secretName);
        Set<String> configKeys = keys(configMap.path("data"));
        Set<String> secretKeys = keys(secret.path("stringData"));
        secretKeys.addAll(keys(secret.path("data")));
        assertFalse(configKeys.isEmpty(), "ConfigMap " + configMapName + " has no data");
        assertFalse(secretKeys.isEmpty(), "Secret " + secretName + " has no data/stringData");

        List<String> unread = new ArrayList<>();
        configKeys.stream().filter(k -> !CONFIG_KEYS_MAPPED_BY_QUARKUS.contains(k))
                .filter(k -> !properties.contains("${" + k))
                .forEach(k -> unread.add("ConfigMap " + configMapName + "/" + k));
        secretKeys.stream().filter(k -> !SECRET_KEYS_NOT_YET_READ.contains(k))
                .filter(k -> !properties.contains("${" + k))
                .forEach(k -> unread.add("Secret " + secretName + "/" + k));
        assertTrue(unread.isEmpty(),
                "keys passed to the Deployment but never referenced as ${KEY} in " + APPLICATION_PROPERTIES + ": " + unread);
    }

    // --- helpers -------------------------------------------------------------------------

    private static void assertProbe(JsonNode container, String probe, String expectedPath, String where) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertTrue(httpGet.isObject(), where + ": " + probe + ".httpGet is missing");
        assertEquals(expectedPath, text(httpGet, "path"), where + ": " + probe + " path");
        String port = text(httpGet, "port");
        boolean matches = false;
        for (JsonNode p : container.path("ports")) {
            matches |= port.equals(text(p, "name")) || port.equals(text(p, "containerPort"));
        }
        assertTrue(matches, where + ": " + probe + " port '" + port
                + "' is neither the name nor the number of a containerPort in " + container.path("ports"));
    }

    private static String envFromRef(JsonNode container, String refKind, String where) {
        for (JsonNode source : container.path("envFrom")) {
            String ref = text(source.path(refKind), "name");
            if (!ref.isBlank()) {
                return ref;
            }
        }
        return fail(where + ": envFrom has no " + refKind);
    }

    private static void assertSelects(String what, Map<String, String> selector, Map<String, String> podLabels) {
        assertFalse(selector.isEmpty(), what + " is empty");
        selector.forEach((k, v) -> assertEquals(v, podLabels.get(k),
                what + " requires " + k + "=" + v + " but the pod template labels are " + podLabels));
    }

    private static JsonNode mainContainer(JsonNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertTrue(containers.isArray() && containers.size() > 0, "Deployment " + name(deployment) + " has no containers");
        return containers.get(0);
    }

    private static JsonNode single(String kind) {
        List<JsonNode> found = ofKind(kind);
        assertEquals(1, found.size(), "expected exactly one " + kind + " in k8s/, found " + found.size());
        return found.get(0);
    }

    private static JsonNode byKindAndName(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(name(d))).findFirst()
                .orElseGet(() -> fail("no " + kind + " named '" + name + "' in k8s/base/"));
    }

    private static List<JsonNode> ofKind(String kind) {
        return manifests.values().stream().filter(d -> kind.equals(text(d, "kind"))).toList();
    }

    private static Set<String> names(String kind) {
        Set<String> names = new TreeSet<>();
        ofKind(kind).forEach(d -> names.add(name(d)));
        return names;
    }

    private static String name(JsonNode doc) {
        return text(doc.path("metadata"), "name");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() ? value.asText() : "";
    }

    private static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }
}
