package io.camelrtms.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes example under deploy/kubernetes: every YAML document parses, and what could drift from
 * the bundle is checked against application.yaml: the probe paths and port (the actuator's), the
 * webhook port (server.port), and every environment variable the manifests set is one the settings read.
 */
@SuppressWarnings("unchecked")
class KubernetesExampleTest {

    static final Path DIR = Path.of("deploy", "kubernetes");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    static List<Map<String, Object>> documents = new ArrayList<>();
    static Map<String, Object> settings;
    static String settingsText;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object doc : new Yaml().loadAll(Files.readString(file))) {
                    assertThat(doc).as("a YAML document of %s", file).isInstanceOf(Map.class);
                    Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) doc);
                    m.put("__file", file.getFileName().toString());
                    documents.add(m);
                }
            }
        }
        settingsText = Files.readString(Path.of("application.yaml"));
        settings = new Yaml().load(settingsText);
    }

    @Test
    void everyDocumentIsAKubernetesObjectOfAnExpectedKind() {
        assertThat(documents).allSatisfy(d -> {
            assertThat(d.get("apiVersion")).as("apiVersion of %s", d.get("__file")).isNotNull();
            assertThat(d.get("kind")).as("kind of %s", d.get("__file")).isNotNull();
        });
        assertThat(documents.stream().map(d -> (String) d.get("kind")).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("Deployment", "Service", "PodDisruptionBudget", "PersistentVolumeClaim",
                        "Secret", "ConfigMap", "Kustomization");
        Map<String, Object> kustomization = only("Kustomization");
        List<String> listed = list(kustomization, "resources");
        assertThat(listed).allSatisfy(f -> assertThat(DIR.resolve(f)).isRegularFile());
    }

    @Test
    void theDeploymentRunsThreeReplicasWithProbesOnTheActuatorAndTheWebhookOnServerPort() {
        Map<String, Object> deployment = only("Deployment");
        assertThat(at(deployment, "spec.replicas")).isEqualTo(3);
        assertThat((Integer) at(deployment, "spec.template.spec.terminationGracePeriodSeconds"))
                .as("longer than Spring's graceful shutdown phase (30 s)").isGreaterThan(30);
        Map<String, Object> container = container(deployment);
        assertThat((String) container.get("image")).contains("camel-rtms:");

        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map<String, Object> p : maps(container, "ports")) {
            ports.put((String) p.get("name"), (Integer) p.get("containerPort"));
        }
        assertThat(ports.get("webhook")).isEqualTo(at(settings, "server.port"));
        assertThat(ports.get("management")).isEqualTo(defaultOf((String) at(settings, "management.server.port")));

        Map<String, Object> groups = (Map<String, Object>) at(settings, "management.endpoint.health.group");
        for (String probe : List.of("livenessProbe", "readinessProbe")) {
            String path = (String) at(container, probe + ".httpGet.path");
            assertThat(path).startsWith("/actuator/health/");
            assertThat(groups).as("%s names a health group of application.yaml", probe)
                    .containsKey(path.substring("/actuator/health/".length()));
            assertThat(at(container, probe + ".httpGet.port")).isEqualTo("management");
        }
        assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
        assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
        assertThat((String) at(settings, "management.endpoints.web.exposure.include")).contains("health", "prometheus");
        assertThat(at(deployment, "spec.template.metadata.annotations")).asString()
                .contains("prometheus.io/port=" + ports.get("management"));
    }

    @Test
    void everyEnvironmentVariableTheManifestsSetIsOneTheSettingsRead() {
        Set<String> read = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(settingsText);
        while (m.find()) {
            read.add(m.group(1));
        }
        Map<String, Object> container = container(only("Deployment"));
        Map<String, Map<String, Object>> env = new LinkedHashMap<>();
        for (Map<String, Object> e : maps(container, "env")) {
            env.put((String) e.get("name"), e);
        }
        assertThat(env.keySet()).isSubsetOf(read).contains("RTMS_NODE_ID", "RTMS_KAFKA_BOOTSTRAP_SERVERS",
                "RTMS_MANAGEMENT_ADDRESS", "ZOOM_WEBHOOK_SECRET_TOKEN", "ZOOM_CLIENT_ID", "ZOOM_CLIENT_SECRET");
        assertThat(at(env.get("RTMS_NODE_ID"), "valueFrom.fieldRef.fieldPath")).isEqualTo("metadata.name");
        assertThat(env.get("RTMS_MANAGEMENT_ADDRESS").get("value")).isEqualTo("0.0.0.0");

        // secrets come from the Secret, and the example Secret holds exactly those keys, all of them read
        Map<String, Object> secret = only("Secret");
        Map<String, Object> keys = (Map<String, Object>) secret.get("stringData");
        List<String> fromSecret = env.values().stream().filter(e -> at(e, "valueFrom.secretKeyRef") != null)
                .map(e -> (String) at(e, "valueFrom.secretKeyRef.key")).toList();
        assertThat(fromSecret).allMatch(k -> k.startsWith("ZOOM_") || k.startsWith("RTMS_"));
        assertThat(keys.keySet()).containsExactlyInAnyOrderElementsOf(fromSecret).isSubsetOf(read);
        assertThat(env.values()).filteredOn(e -> at(e, "valueFrom.secretKeyRef") != null)
                .allSatisfy(e -> assertThat(at(e, "valueFrom.secretKeyRef.name")).isEqualTo(at(secret, "metadata.name")));
        assertThat(keys.values()).as("the example holds no secret").allMatch(v -> v == null || v.toString().isEmpty());

        // the commented s3 variant too
        String commented = documents.stream().filter(d -> "Deployment".equals(d.get("kind"))).findFirst()
                .map(d -> (String) d.get("__file")).map(f -> read(DIR.resolve(f))).orElseThrow();
        Matcher names = Pattern.compile("#\\s*- name: ([A-Z][A-Z0-9_]*)").matcher(commented);
        while (names.find()) {
            assertThat(read).as("commented variable %s", names.group(1)).contains(names.group(1));
        }
    }

    @Test
    void kafkaSecurityComesFromAnOptionalSecretOfClusterPropertyVariables() {
        Map<String, Object> container = container(only("Deployment"));
        assertThat(maps(container, "envFrom")).singleElement().satisfies(e -> {
            assertThat(at(e, "secretRef.name")).isEqualTo("camel-rtms-kafka");
            assertThat(at(e, "secretRef.optional")).isEqualTo(true);
        });
        // the example's keys are variables Spring Boot binds into rtms.cluster.kafka.properties
        String manifest = read(DIR.resolve("deployment.yaml"));
        Matcher keys = Pattern.compile("--from-literal=([A-Z0-9_]+)=").matcher(manifest);
        List<String> found = new ArrayList<>();
        while (keys.find()) {
            found.add(keys.group(1));
        }
        assertThat(found).isNotEmpty().allMatch(k -> k.startsWith("RTMS_CLUSTER_KAFKA_PROPERTIES_"))
                .contains("RTMS_CLUSTER_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
    }

    @Test
    void theDataVolumeIsSharedAndTheServiceAndBudgetSelectThePods() {
        Map<String, Object> deployment = only("Deployment");
        Map<String, Object> pvc = only("PersistentVolumeClaim");
        assertThat(list(pvc, "spec.accessModes")).containsExactly("ReadWriteMany");
        List<Map<String, Object>> volumes = maps((Map<String, Object>) at(deployment, "spec.template.spec"), "volumes");
        assertThat(volumes).anySatisfy(v -> assertThat(at(v, "persistentVolumeClaim.claimName")).isEqualTo(at(pvc, "metadata.name")));
        assertThat(maps(container(deployment), "volumeMounts")).anySatisfy(v -> assertThat(v.get("mountPath"))
                .as("rtms.data-dir (%s) under the image's working directory /app", at(settings, "rtms.data-dir"))
                .isEqualTo("/app/" + ((String) at(settings, "rtms.data-dir")).replace("./", "")));

        Object podLabels = at(deployment, "spec.template.metadata.labels");
        assertThat(at(deployment, "spec.selector.matchLabels")).isEqualTo(podLabels);
        assertThat(at(only("Service"), "spec.selector")).isEqualTo(podLabels);
        assertThat(at(only("PodDisruptionBudget"), "spec.selector.matchLabels")).isEqualTo(podLabels);
        assertThat(maps((Map<String, Object>) at(only("Service"), "spec"), "ports"))
                .singleElement().satisfies(p -> assertThat(p.get("targetPort")).isEqualTo("webhook"));
    }

    @Test
    void theS3VariantsSettingsParseAndSendEveryTypeToS3() {
        Map<String, Object> s3 = new Yaml().load((String) ((Map<String, Object>) at(only("ConfigMap"), "data")).get("application.yaml"));
        Map<String, Object> sinks = (Map<String, Object>) at(s3, "rtms.sinks");
        assertThat(sinks.keySet()).containsExactlyInAnyOrderElementsOf(((Map<String, Object>) at(settings, "rtms.sinks")).keySet());
        assertThat(sinks.values()).allMatch("s3"::equals);
        assertThat((Map<String, Object>) at(settings, "rtms.s3")).containsKeys(((Map<String, Object>) at(s3, "rtms.s3")).keySet().toArray(String[]::new));
    }

    // ---- helpers

    private static Map<String, Object> only(String kind) {
        List<Map<String, Object>> found = documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertThat(found).as("documents of kind %s", kind).hasSize(1);
        return found.get(0);
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        List<Map<String, Object>> containers = maps((Map<String, Object>) at(deployment, "spec.template.spec"), "containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Object at(Map<String, Object> root, String path) {
        Object here = root;
        for (String key : path.split("\\.")) {
            if (!(here instanceof Map<?, ?> map)) {
                return null;
            }
            here = ((Map<String, Object>) map).get(key);
        }
        return here;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(Map<String, Object> root, String key) {
        Object v = root.get(key);
        return v == null ? List.of() : (List<Map<String, Object>>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Map<String, Object> root, String path) {
        return (List<String>) at(root, path);
    }

    /** {@code ${VAR:default}} → default as a number. */
    private static Integer defaultOf(String placeholder) {
        Matcher m = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}").matcher(placeholder);
        assertThat(m.matches()).as("%s is a placeholder with a default", placeholder).isTrue();
        return Integer.valueOf(m.group(1));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
