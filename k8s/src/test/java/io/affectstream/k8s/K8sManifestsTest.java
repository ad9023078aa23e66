package io.affectstream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.affectstream.k8s.Rendered.Resource;
import io.affectstream.streams.StageConfig;
import io.affectstream.vision.VisionConfig;
import io.affectstream.wire.Topic;
import io.affectstream.wire.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Renders each overlay (plus the camera ingests, as an operator applies them) with {@code kubectl kustomize} and
 * checks the invariants of issue 6 on what would be applied: containers with limits, probes and non-root
 * security contexts; TLS-only Kafka with simple authorization; topics as the wire catalog declares them, RF 3 /
 * min ISR 2 in production; one KafkaUser per stage whose ACLs are exactly what the stage's real topology needs;
 * KEDA autoscaling within the partition count; disruption budgets; network policies; monitoring.
 *
 * <p>Needs a kubectl with built-in kustomize (scripts/install-k8s-tools.sh); without one it fails, never skips.
 */
class K8sManifestsTest {
    static final String PART_OF = "app.kubernetes.io/part-of";
    static final String PIPELINE = "affect-stream";
    static final String CAMERAS = "cameras";
    static final Set<String> INFERENCE_STAGES = Set.of("vision", "audio");
    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob");
    static final Set<String> USER_SECRET_KEYS = Set.of("ca.crt", "user.crt", "user.key", "user.p12", "user.password");
    static final Set<String> CLUSTER_CA_SECRET_KEYS = Set.of("ca.crt", "ca.p12", "ca.password");
    static final Pattern DIR_PROVIDER = Pattern.compile("^\\$\\{dir:([^:}]+):([^}]+)}$");

    // ---------------------------------------------------------------------------------------------------------
    // Workloads: every container

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void everyContainerHasRequestsLimitsProbesAndRunsAsNonRootOnAReadOnlyRoot(String overlay) {
        Rendered r = render(overlay);
        List<String> problems = new ArrayList<>();
        List<Resource> workloads = workloads(r);
        assertFalse(workloads.isEmpty(), overlay + ": no workloads rendered");
        for (Resource w : workloads) {
            JsonNode pod = podSpec(w);
            String id = w.id();
            if (pod.path("automountServiceAccountToken").asBoolean(true)) {
                problems.add(id + ": automountServiceAccountToken must be false (the pods never call the API server)");
            }
            for (String host : List.of("hostNetwork", "hostPID", "hostIPC")) {
                if (pod.path(host).asBoolean(false)) {
                    problems.add(id + ": " + host + " must not be set");
                }
            }
            if (!"RuntimeDefault".equals(pod.at("/securityContext/seccompProfile/type").asText())) {
                problems.add(id + ": pod securityContext.seccompProfile.type must be RuntimeDefault");
            }
            Map<String, JsonNode> volumes = new HashMap<>();
            pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
            for (JsonNode c : pod.path("initContainers")) {
                checkContainer(id, pod, c, true, volumes, problems);
            }
            if (pod.path("containers").isEmpty()) {
                problems.add(id + ": no containers");
            }
            for (JsonNode c : pod.path("containers")) {
                checkContainer(id, pod, c, false, volumes, problems);
            }
        }
        assertNoProblems(overlay, "containers", problems);
    }

    private static void checkContainer(String workload, JsonNode pod, JsonNode c, boolean init,
                                       Map<String, JsonNode> volumes, List<String> problems) {
        String id = workload + " " + (init ? "init container " : "container ") + c.path("name").asText();
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                if (c.at("/resources/" + kind + "/" + resource).asText("").isBlank()) {
                    problems.add(id + ": no resources." + kind + "." + resource);
                }
            }
        }
        String image = c.path("image").asText("");
        if (image.isBlank() || !image.substring(image.lastIndexOf('/') + 1).contains(":") || image.endsWith(":latest")) {
            problems.add(id + ": image '" + image + "' must carry an explicit tag (not latest)");
        }
        JsonNode sc = c.path("securityContext");
        JsonNode podSc = pod.path("securityContext");
        boolean nonRoot = sc.has("runAsNonRoot") ? sc.path("runAsNonRoot").asBoolean() : podSc.path("runAsNonRoot").asBoolean(false);
        if (!nonRoot) {
            problems.add(id + ": runAsNonRoot must be true");
        }
        JsonNode uid = sc.has("runAsUser") ? sc.path("runAsUser") : podSc.path("runAsUser");
        if (!uid.isInt() || uid.asInt() <= 0) {
            problems.add(id + ": runAsUser must be a non-zero UID, is " + uid);
        }
        if (sc.path("allowPrivilegeEscalation").asBoolean(true)) {
            problems.add(id + ": allowPrivilegeEscalation must be false");
        }
        if (sc.path("privileged").asBoolean(false)) {
            problems.add(id + ": must not be privileged");
        }
        if (!sc.path("readOnlyRootFilesystem").asBoolean(false)) {
            problems.add(id + ": readOnlyRootFilesystem must be true");
        }
        Set<String> dropped = new TreeSet<>();
        sc.at("/capabilities/drop").forEach(d -> dropped.add(d.asText()));
        if (!dropped.contains("ALL")) {
            problems.add(id + ": capabilities.drop must contain ALL");
        }
        if (!sc.at("/capabilities/add").isMissingNode() && !sc.at("/capabilities/add").isEmpty()) {
            problems.add(id + ": adds capabilities " + sc.at("/capabilities/add"));
        }
        Map<String, String> mounts = new HashMap<>();
        c.path("volumeMounts").forEach(m -> mounts.put(m.path("mountPath").asText(), m.path("name").asText()));
        // The JVM and the native libraries (JavaCPP, ONNX Runtime, RocksDB) unpack into /tmp: it must be writable.
        requireEmptyDir(id, "/tmp", mounts, volumes, problems);
        if (init) {
            return;
        }
        Map<String, String> flags = flags(c);
        String stateDir = flags.get("--state-dir");
        if (stateDir != null) {
            requireEmptyDir(id, stateDir, mounts, volumes, problems);
        }
        String httpPort = flags.getOrDefault("--http-port", "8080");
        checkProbe(id, c, "livenessProbe", "/health/live", httpPort, problems);
        checkProbe(id, c, "readinessProbe", "/health/ready", httpPort, problems);
        if (c.has("startupProbe")) {
            checkProbe(id, c, "startupProbe", "/health/live", httpPort, problems);
        }
    }

    private static void requireEmptyDir(String id, String path, Map<String, String> mounts, Map<String, JsonNode> volumes,
                                        List<String> problems) {
        String volume = mounts.get(path);
        if (volume == null) {
            problems.add(id + ": " + path + " must be a mounted volume (the root filesystem is read-only)");
        } else if (!volumes.getOrDefault(volume, ObjectMapperHolder.EMPTY).has("emptyDir")) {
            problems.add(id + ": " + path + " must be an emptyDir volume, is volume '" + volume + "'");
        }
    }

    private static void checkProbe(String id, JsonNode c, String probe, String path, String httpPort, List<String> problems) {
        JsonNode get = c.path(probe).path("httpGet");
        if (get.isMissingNode()) {
            problems.add(id + ": no " + probe + " with httpGet " + path);
            return;
        }
        if (!path.equals(get.path("path").asText())) {
            problems.add(id + ": " + probe + " must GET " + path + ", gets " + get.path("path").asText());
        }
        String port = get.path("port").asText();
        String resolved = port;
        for (JsonNode p : c.path("ports")) {
            if (p.path("name").asText().equals(port)) {
                resolved = p.path("containerPort").asText();
            }
        }
        if (!resolved.equals(httpPort)) {
            problems.add(id + ": " + probe + " port " + port + " is not the app's --http-port " + httpPort);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Stages: how each talks to Kafka

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void everyStageConnectsOverTlsWithItsOwnKafkaUser(String overlay) {
        Rendered r = render(overlay);
        Resource kafka = onlyKafka(r);
        Set<String> tlsPorts = new TreeSet<>();
        kafka.at("/spec/kafka/listeners").forEach(l -> tlsPorts.add(l.path("port").asText()));
        String bootstrapHost = kafka.name() + "-kafka-bootstrap";
        String caSecret = kafka.name() + "-cluster-ca-cert";
        Set<String> users = r.ofKind("KafkaUser").map(Resource::name).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        Set<String> stagesSeen = new TreeSet<>();
        Map<String, String> stageOfUser = new HashMap<>();
        for (StageWorkload s : stageWorkloads(r)) {
            stagesSeen.add(s.stage());
            String bootstrap = s.flags().getOrDefault("--bootstrap-servers", "");
            for (String server : bootstrap.split(",")) {
                String host = server.contains(":") ? server.substring(0, server.lastIndexOf(':')) : server;
                String port = server.contains(":") ? server.substring(server.lastIndexOf(':') + 1) : "";
                if (!(host.equals(bootstrapHost) || host.startsWith(bootstrapHost + ".")) || !tlsPorts.contains(port)) {
                    problems.add(s.id() + ": --bootstrap-servers '" + server + "' is not " + bootstrapHost
                            + " on a TLS listener port " + tlsPorts);
                }
            }
            String config = s.flags().get("--kafka-config");
            JsonNode configMount = mountAt(s.container(), config);
            JsonNode configVolume = s.volumes().get(configMount == null ? "" : configMount.path("name").asText());
            if (config == null || configMount == null || configVolume == null
                    || !configVolume.at("/configMap/name").asText().equals("affect-kafka-client")
                    || !configMount.path("subPath").asText().equals(s.stage() + ".properties")) {
                problems.add(s.id() + ": --kafka-config '" + config + "' must be key " + s.stage()
                        + ".properties of ConfigMap affect-kafka-client");
            }
            List<String> userSecrets = s.secretVolumes().values().stream().filter(users::contains).toList();
            if (userSecrets.size() != 1) {
                problems.add(s.id() + ": must mount exactly one KafkaUser secret, mounts " + userSecrets);
            } else if (!userSecrets.get(0).equals("affect-" + s.stage())) {
                problems.add(s.id() + ": stage " + s.stage() + " must authenticate as KafkaUser affect-" + s.stage()
                        + ", mounts " + userSecrets.get(0));
            } else {
                String previous = stageOfUser.putIfAbsent(userSecrets.get(0), s.stage());
                if (previous != null && !previous.equals(s.stage())) {
                    problems.add("KafkaUser " + userSecrets.get(0) + " is shared by stages " + previous + " and " + s.stage());
                }
            }
            if (!s.secretVolumes().containsValue(caSecret)) {
                problems.add(s.id() + ": does not mount the cluster CA secret " + caSecret);
            }
            if (s.contract().applicationId() != null
                    && !s.contract().applicationId().equals(StageContract.defaultApplicationId(s.stage()))) {
                problems.add(s.id() + ": application id " + s.contract().applicationId() + " differs from the stage's "
                        + "default " + StageContract.defaultApplicationId(s.stage()) + " (fine, but then change the "
                        + "KafkaUser ACL prefixes and the KEDA consumerGroup with it)");
            }
        }
        Set<String> wanted = new TreeSet<>(StageContract.STREAMS_STAGES);
        wanted.add("ingest");
        wanted.removeAll(stagesSeen);
        if (!wanted.isEmpty()) {
            problems.add("no workload runs stage(s) " + wanted);
        }
        assertNoProblems(overlay, "stage connections", problems);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void kafkaClientConfigIsTlsAndReadsItsPasswordsFromTheMountedSecrets(String overlay, @TempDir Path tmp) throws IOException {
        Rendered r = render(overlay);
        String caSecret = onlyKafka(r).name() + "-cluster-ca-cert";
        List<String> problems = new ArrayList<>();
        Map<String, String> kafkaLines = new TreeMap<>();
        for (StageWorkload s : stageWorkloads(r)) {
            Properties config = kafkaConfig(r, s);
            if (config == null) {
                problems.add(s.id() + ": --kafka-config is not a key of a mounted ConfigMap");
                continue;
            }
            String id = s.id() + " --kafka-config";
            if (!"SSL".equals(config.getProperty("security.protocol"))) {
                problems.add(id + ": security.protocol must be SSL, is " + config.getProperty("security.protocol"));
            }
            config.stringPropertyNames().stream()
                    .filter(k -> k.startsWith("sasl.") || k.equals("ssl.endpoint.identification.algorithm"))
                    .forEach(k -> problems.add(id + ": " + k + " must not be set (client certificates; hostname "
                            + "verification stays on)"));
            String userMount = mountPathOfSecret(s, "affect-" + s.stage());
            String caMount = mountPathOfSecret(s, caSecret);
            checkSecretFile(id, "ssl.keystore.location", config.getProperty("ssl.keystore.location", ""), userMount,
                    USER_SECRET_KEYS, problems);
            checkSecretFile(id, "ssl.truststore.location", config.getProperty("ssl.truststore.location", ""), caMount,
                    CLUSTER_CA_SECRET_KEYS, problems);
            Matcher keyPass = DIR_PROVIDER.matcher(config.getProperty("ssl.keystore.password", ""));
            Matcher trustPass = DIR_PROVIDER.matcher(config.getProperty("ssl.truststore.password", ""));
            if (!keyPass.matches() || !trustPass.matches()) {
                problems.add(id + ": the keystore and truststore passwords must come from the mounted secrets "
                        + "through ${dir:<mount>:<key>}, not be written in the ConfigMap");
            } else {
                checkSecretFile(id, "ssl.keystore.password", keyPass.group(1) + "/" + keyPass.group(2), userMount,
                        USER_SECRET_KEYS, problems);
                checkSecretFile(id, "ssl.truststore.password", trustPass.group(1) + "/" + trustPass.group(2), caMount,
                        CLUSTER_CA_SECRET_KEYS, problems);
            }
            // The Kafka lines are the same for every stage; the stage's own keys are ones its config declares.
            Properties kafkaOnly = new Properties();
            for (String key : config.stringPropertyNames()) {
                String prefix = key.contains(".") ? key.substring(0, key.indexOf('.')) : "";
                if (StageContract.STREAMS_STAGES.contains(prefix)) {
                    if (!prefix.equals(s.stage())) {
                        problems.add(id + ": sets " + key + ", a key of the " + prefix + " stage");
                    }
                } else {
                    kafkaOnly.setProperty(key, config.getProperty(key));
                }
            }
            kafkaLines.put(s.id(), new TreeMap<>(kafkaOnly).toString());
            if (StageContract.STREAMS_STAGES.contains(s.stage())) {
                checkStageKeys(id, s.stage(), config, tmp.resolve(s.workload().name()), problems);
            }
        }
        if (new TreeSet<>(kafkaLines.values()).size() > 1) {
            problems.add("the Kafka client settings differ between stages (keep every --kafka-config's Kafka lines "
                    + "identical): " + kafkaLines);
        }
        assertNoProblems(overlay, "kafka.properties", problems);
    }

    /**
     * The stage's config class accepts the file (every key it declares has a valid value, no key of its own is
     * misspelt) and Kafka's DirectoryConfigProvider resolves the passwords from the mounted secret files.
     */
    private static void checkStageKeys(String id, String stage, Properties config, Path root, List<String> problems)
            throws IOException {
        Map<String, Object> props = new HashMap<>();
        for (String key : config.stringPropertyNames()) {
            props.put(key, config.getProperty(key).replace("/etc/affect/", root + "/etc/affect/"));
        }
        Map<String, String> secrets = new TreeMap<>();
        for (String key : List.of("ssl.keystore.password", "ssl.truststore.password")) {
            Matcher m = DIR_PROVIDER.matcher(String.valueOf(props.get(key)));
            if (m.matches()) {
                Path file = Path.of(m.group(1)).resolve(m.group(2));
                Files.createDirectories(file.getParent());
                Files.writeString(file, "secret of " + key);
                secrets.put(key, "secret of " + key);
            }
        }
        props.put(StageConfig.BOOTSTRAP_SERVERS, "affect-kafka-bootstrap:9093");
        StageConfig parsed;
        try {
            parsed = StageContract.config(stage, props);
        } catch (RuntimeException e) {
            problems.add(id + ": the " + stage + " stage rejects it: " + e.getMessage());
            return;
        }
        for (String key : config.stringPropertyNames()) {
            if (key.startsWith(stage + ".") && !parsed.values().containsKey(key)) {
                problems.add(id + ": " + key + " is not a setting of the " + stage + " stage (misspelt?)");
            }
        }
        Properties streams = parsed.streamsProperties();
        secrets.forEach((key, value) -> {
            if (!value.equals(String.valueOf(streams.get(key)))) {
                problems.add(id + ": " + key + " does not resolve from the mounted secret (got " + streams.get(key) + ")");
            }
        });
    }

    /** The properties file a stage's --kafka-config names, read from the ConfigMap key mounted there. */
    static Properties kafkaConfig(Rendered r, StageWorkload s) {
        JsonNode mount = mountAt(s.container(), s.flags().get("--kafka-config"));
        JsonNode volume = mount == null ? null : s.volumes().get(mount.path("name").asText());
        if (volume == null || !volume.has("configMap") || !mount.has("subPath")) {
            return null;
        }
        Optional<Resource> map = r.find("ConfigMap", volume.at("/configMap/name").asText());
        JsonNode data = map.map(m -> m.at("/data/" + mount.path("subPath").asText())).orElse(null);
        if (data == null || data.isMissingNode()) {
            return null;
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(data.asText()));
        } catch (IOException e) {
            return null;
        }
        return p;
    }

    private static String mountPathOfSecret(StageWorkload s, String secret) {
        return s.secretVolumes().entrySet().stream().filter(e -> e.getValue().equals(secret)).findFirst()
                .map(e -> {
                    JsonNode m = mountOfVolume(s.container(), e.getKey());
                    return m == null ? null : m.path("mountPath").asText();
                }).orElse(null);
    }

    private static void checkSecretFile(String id, String key, String file, String mount, Set<String> secretKeys,
                                        List<String> problems) {
        if (mount == null) {
            problems.add(id + ": " + key + " needs its secret mounted, and it is not");
            return;
        }
        Path path = Path.of(file);
        if (!path.getParent().toString().equals(mount) || !secretKeys.contains(path.getFileName().toString())) {
            problems.add(id + ": " + key + " = " + file + " is not one of " + secretKeys + " in the secret mounted at "
                    + mount);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Kafka cluster

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void kafkaHasOnlyAuthenticatedTlsListenersSimpleAuthorizationAndConsistentReplication(String overlay) {
        Rendered r = render(overlay);
        Resource kafka = onlyKafka(r);
        List<String> problems = new ArrayList<>();
        JsonNode annotations = kafka.at("/metadata/annotations");
        for (String a : List.of("strimzi.io/node-pools", "strimzi.io/kraft")) {
            if (!"enabled".equals(annotations.path(a).asText())) {
                problems.add(kafka.id() + ": annotation " + a + " must be 'enabled' (KRaft with node pools)");
            }
        }
        if (!kafka.at("/spec/zookeeper").isMissingNode()) {
            problems.add(kafka.id() + ": has a ZooKeeper section; this cluster is KRaft");
        }
        JsonNode listeners = kafka.at("/spec/kafka/listeners");
        if (!listeners.isArray() || listeners.isEmpty()) {
            problems.add(kafka.id() + ": no listeners");
        }
        for (JsonNode l : listeners) {
            String name = kafka.id() + " listener '" + l.path("name").asText() + "' (port " + l.path("port").asText() + ")";
            if (!l.path("tls").asBoolean(false)) {
                problems.add(name + ": is plaintext; every listener must have tls: true");
            }
            if (!"tls".equals(l.at("/authentication/type").asText())) {
                problems.add(name + ": must authenticate clients by certificate (authentication.type: tls), has "
                        + (l.has("authentication") ? l.path("authentication") : "none"));
            }
        }
        if (!"simple".equals(kafka.at("/spec/kafka/authorization/type").asText())) {
            problems.add(kafka.id() + ": spec.kafka.authorization.type must be simple");
        }
        JsonNode config = kafka.at("/spec/kafka/config");
        if (config.path("auto.create.topics.enable").asBoolean(true)) {
            problems.add(kafka.id() + ": auto.create.topics.enable must be false (topics are KafkaTopics)");
        }
        int brokers = nodes(r, kafka, "broker");
        int controllers = nodes(r, kafka, "controller");
        if (brokers < 1 || controllers < 1 || controllers % 2 == 0) {
            problems.add(kafka.id() + ": needs brokers and an odd number of controllers; has " + brokers + " brokers, "
                    + controllers + " controllers");
        }
        int defaultRf = config.path("default.replication.factor").asInt(-1);
        int minIsr = config.path("min.insync.replicas").asInt(-1);
        int txRf = config.path("transaction.state.log.replication.factor").asInt(-1);
        int txIsr = config.path("transaction.state.log.min.isr").asInt(-1);
        int offsetsRf = config.path("offsets.topic.replication.factor").asInt(-1);
        if (defaultRf < 1 || defaultRf > brokers || minIsr < 1 || minIsr > defaultRf) {
            problems.add(kafka.id() + ": needs 1 <= min.insync.replicas (" + minIsr + ") <= default.replication.factor ("
                    + defaultRf + ") <= brokers (" + brokers + ")");
        }
        if (txRf < 1 || txRf > brokers || txIsr < 1 || txIsr > txRf || offsetsRf < 1 || offsetsRf > brokers) {
            problems.add(kafka.id() + ": transaction log RF " + txRf + " / min ISR " + txIsr + " and offsets RF "
                    + offsetsRf + " must fit " + brokers + " brokers (exactly-once needs them)");
        }
        r.ofKind("KafkaNodePool").forEach(pool -> {
            if (!kafka.name().equals(pool.at("/metadata/labels/strimzi.io~1cluster").asText())) {
                problems.add(pool.id() + ": label strimzi.io/cluster must be " + kafka.name());
            }
        });
        assertNoProblems(overlay, "Kafka", problems);
    }

    /** gpu is the production overlay. */
    @Test
    void productionHasThreeBrokersReplicationThreeAndMinIsrTwoEverywhere() {
        Rendered r = render("gpu");
        Resource kafka = onlyKafka(r);
        List<String> problems = new ArrayList<>();
        if (nodes(r, kafka, "broker") < 3) {
            problems.add("production needs at least 3 brokers, has " + nodes(r, kafka, "broker"));
        }
        if (nodes(r, kafka, "controller") < 3) {
            problems.add("production needs at least 3 controllers, has " + nodes(r, kafka, "controller"));
        }
        JsonNode config = kafka.at("/spec/kafka/config");
        Map<String, Integer> wanted = new LinkedHashMap<>();
        wanted.put("default.replication.factor", 3);
        wanted.put("min.insync.replicas", 2);
        wanted.put("offsets.topic.replication.factor", 3);
        wanted.put("transaction.state.log.replication.factor", 3);
        wanted.put("transaction.state.log.min.isr", 2);
        wanted.forEach((key, value) -> {
            if (config.path(key).asInt(-1) != value) {
                problems.add(kafka.id() + ": " + key + " must be " + value + " in production, is " + config.path(key));
            }
        });
        r.ofKind("KafkaTopic").forEach(t -> {
            if (t.at("/spec/replicas").asInt(-1) != 3) {
                problems.add(t.id() + ": replicas must be 3 in production, is " + t.at("/spec/replicas"));
            }
            if (t.at("/spec/config/min.insync.replicas").asInt(-1) != 2) {
                problems.add(t.id() + ": min.insync.replicas must be 2 in production, is "
                        + t.at("/spec/config/min.insync.replicas"));
            }
        });
        assertNoProblems("gpu", "production replication", problems);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Topics

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void topicsAreTheWireCatalogCoPartitionedWithReplicationTheClusterCanHold(String overlay) {
        Rendered r = render(overlay);
        Resource kafka = onlyKafka(r);
        int brokers = nodes(r, kafka, "broker");
        List<String> problems = new ArrayList<>();
        Map<String, Resource> byTopic = new TreeMap<>();
        r.ofKind("KafkaTopic").forEach(t -> {
            String topicName = t.at("/spec/topicName").asText(t.name());
            if (byTopic.put(topicName, t) != null) {
                problems.add("topic " + topicName + " is declared twice");
            }
            if (!kafka.name().equals(t.at("/metadata/labels/strimzi.io~1cluster").asText())) {
                problems.add(t.id() + ": label strimzi.io/cluster must be " + kafka.name());
            }
        });
        Set<String> catalog = Topics.all().stream().map(Topic::name).collect(Collectors.toCollection(TreeSet::new));
        if (!byTopic.keySet().equals(catalog)) {
            problems.add("KafkaTopics " + byTopic.keySet() + " are not io.affectstream.wire.Topics.all() " + catalog);
        }
        Map<String, Integer> partitions = new TreeMap<>();
        for (Topic<?, ?> topic : Topics.all()) {
            Resource t = byTopic.get(topic.name());
            if (t == null) {
                continue;
            }
            JsonNode config = t.at("/spec/config");
            topic.topicConfigs().forEach((key, value) -> {
                if (!value.equals(config.path(key).asText(null))) {
                    problems.add(t.id() + ": config " + key + " must be " + value + " (as Topics declares), is "
                            + config.path(key));
                }
            });
            config.fieldNames().forEachRemaining(key -> {
                if (!topic.topicConfigs().containsKey(key) && !key.equals("min.insync.replicas")) {
                    problems.add(t.id() + ": config " + key + " is not declared in io.affectstream.wire.Topics");
                }
            });
            partitions.put(topic.name(), t.at("/spec/partitions").asInt(-1));
            int replicas = t.at("/spec/replicas").asInt(-1);
            int minIsr = config.path("min.insync.replicas").asInt(-1);
            if (replicas < 1 || replicas > brokers || minIsr < 1 || minIsr > replicas) {
                problems.add(t.id() + ": needs 1 <= min.insync.replicas (" + minIsr + ") <= replicas (" + replicas
                        + ") <= brokers (" + brokers + ")");
            }
        }
        if (new TreeSet<>(partitions.values()).size() != 1 || partitions.containsValue(-1)) {
            problems.add("all topics must have the same partition count (they are co-partitioned): " + partitions);
        }
        assertNoProblems(overlay, "topics", problems);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Users and ACLs

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void eachKafkaUserHasExactlyTheAclsItsStageNeeds(String overlay) {
        Rendered r = render(overlay);
        Resource kafka = onlyKafka(r);
        List<String> problems = new ArrayList<>();
        Map<String, Set<KafkaAcl>> expected = new TreeMap<>();
        Map<String, StageContract> contractOfUser = new TreeMap<>();
        for (StageWorkload s : stageWorkloads(r)) {
            String user = "affect-" + s.stage();
            StageContract previous = contractOfUser.putIfAbsent(user, s.contract());
            if (previous != null && !previous.equals(s.contract())) {
                problems.add("KafkaUser " + user + " serves two different contracts: " + previous + " and " + s.contract());
            }
        }
        contractOfUser.forEach((user, contract) -> expected.put(user, stageAcls(contract)));
        // KEDA's lag reader: Describe on what the ScaledObjects look at.
        for (Resource auth : r.ofKind("TriggerAuthentication").toList()) {
            String user = null;
            for (JsonNode ref : auth.at("/spec/secretTargetRef")) {
                if (ref.path("parameter").asText().equals("cert")) {
                    user = ref.path("name").asText();
                }
            }
            if (user == null) {
                continue;
            }
            Set<KafkaAcl> acls = expected.computeIfAbsent(user, u -> new TreeSet<>());
            for (Resource so : r.ofKind("ScaledObject").toList()) {
                for (JsonNode trigger : so.at("/spec/triggers")) {
                    if (auth.name().equals(trigger.at("/authenticationRef/name").asText())) {
                        acls.add(KafkaAcl.literal("topic", trigger.at("/metadata/topic").asText(), "Describe"));
                        acls.add(KafkaAcl.literal("group", trigger.at("/metadata/consumerGroup").asText(), "Describe"));
                    }
                }
            }
        }
        // Subscribers: read the public topic, in their own consumer groups.
        r.ofKind("KafkaUser").filter(u -> "subscriber".equals(u.at("/metadata/labels/app.kubernetes.io~1component").asText()))
                .forEach(u -> expected.put(u.name(), Set.of(
                        KafkaAcl.literal("topic", Topics.AFFECT_FRAMES.name(), "Read"),
                        KafkaAcl.literal("topic", Topics.AFFECT_FRAMES.name(), "Describe"),
                        KafkaAcl.prefix("group", u.name(), "Read"))));

        Set<String> publicTopics = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());
        Set<String> userNames = new TreeSet<>();
        for (Resource user : r.ofKind("KafkaUser").toList()) {
            userNames.add(user.name());
            if (!kafka.name().equals(user.at("/metadata/labels/strimzi.io~1cluster").asText())) {
                problems.add(user.id() + ": label strimzi.io/cluster must be " + kafka.name());
            }
            if (!"tls".equals(user.at("/spec/authentication/type").asText())) {
                problems.add(user.id() + ": must authenticate with a TLS client certificate (authentication.type: tls)");
            }
            Set<KafkaAcl> actual = KafkaAcl.of(user, problems);
            for (KafkaAcl acl : actual) {
                if (acl.type().equals("cluster") || acl.operation().equals("All") || acl.name().equals("*")
                        || (acl.patternType().equals("prefix") && acl.name().length() < 3)) {
                    problems.add(user.id() + ": over-broad rule '" + acl + "'");
                }
            }
            Set<KafkaAcl> wanted = expected.get(user.name());
            if (wanted == null) {
                problems.add(user.id() + ": no stage, autoscaler or subscriber uses this user; the test has no "
                        + "expectation for its ACLs");
                continue;
            }
            String diff = KafkaAcl.diff(wanted, actual);
            if (!diff.isEmpty()) {
                problems.add(user.id() + ": ACLs differ from what it needs: " + diff);
            }
            StageContract contract = contractOfUser.get(user.name());
            if (contract != null) {
                checkCoverage(user.id(), contract, actual, publicTopics, problems);
            }
        }
        Set<String> missingUsers = new TreeSet<>(expected.keySet());
        missingUsers.removeAll(userNames);
        if (!missingUsers.isEmpty()) {
            problems.add("KafkaUsers " + missingUsers + " are used (by a stage or KEDA) but not declared");
        }
        assertNoProblems(overlay, "KafkaUser ACLs", problems);
    }

    /** The least-privilege rules of a stage, derived from its real topology. */
    static Set<KafkaAcl> stageAcls(StageContract c) {
        Set<KafkaAcl> acls = new TreeSet<>();
        for (String t : c.inputs()) {
            acls.add(KafkaAcl.literal("topic", t, "Read"));
            acls.add(KafkaAcl.literal("topic", t, "Describe"));
        }
        for (String t : c.outputs()) {
            acls.add(KafkaAcl.literal("topic", t, "Write"));
            acls.add(KafkaAcl.literal("topic", t, "Describe"));
        }
        String app = c.applicationId();
        if (app != null) {
            acls.add(KafkaAcl.prefix("group", app, "Read"));
            acls.add(KafkaAcl.prefix("transactionalId", app, "Write"));
            acls.add(KafkaAcl.prefix("transactionalId", app, "Describe"));
            for (String op : List.of("Create", "Read", "Write", "Describe", "DescribeConfigs")) {
                acls.add(KafkaAcl.prefix("topic", app, op));
            }
        }
        return acls;
    }

    /** What the stage will actually do is allowed, and no other pipeline topic is readable or writable. */
    private static void checkCoverage(String id, StageContract c, Set<KafkaAcl> acls, Set<String> publicTopics,
                                      List<String> problems) {
        c.inputs().forEach(t -> require(id, acls, "topic", t, "Read", problems));
        c.outputs().forEach(t -> require(id, acls, "topic", t, "Write", problems));
        for (String t : c.internalTopics()) {
            for (String op : List.of("Create", "Read", "Write", "DescribeConfigs")) {
                require(id, acls, "topic", t, op, problems);
            }
        }
        if (c.applicationId() != null) {
            require(id, acls, "group", c.applicationId(), "Read", problems);
            // exactly_once_v2: transactional.id = <application id>-<process uuid>-<thread index>
            require(id, acls, "transactionalId", c.applicationId() + "-0b7a6f6e-4f1d-4c57-9d7e-000000000000-1", "Write",
                    problems);
        }
        for (String t : publicTopics) {
            if (!c.inputs().contains(t) && KafkaAcl.anyAllows(acls, "topic", t, "Read")) {
                problems.add(id + ": may read " + t + ", which stage " + c.stage() + " does not consume");
            }
            if (!c.outputs().contains(t) && KafkaAcl.anyAllows(acls, "topic", t, "Write")) {
                problems.add(id + ": may write " + t + ", which stage " + c.stage() + " does not produce");
            }
        }
    }

    private static void require(String id, Set<KafkaAcl> acls, String type, String name, String op, List<String> problems) {
        if (!KafkaAcl.anyAllows(acls, type, name, op)) {
            problems.add(id + ": lacks " + op + " on " + type + " " + name);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Scaling and disruption

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void stagesAutoscaleOnConsumerLagWithinThePartitionCount(String overlay) {
        Rendered r = render(overlay);
        int partitions = r.ofKind("KafkaTopic").mapToInt(t -> t.at("/spec/partitions").asInt()).min().orElse(0);
        Set<String> auths = r.ofKind("TriggerAuthentication").map(Resource::name).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (StageWorkload s : stageWorkloads(r)) {
            JsonNode replicas = s.workload().at("/spec/replicas");
            if (s.stage().equals("ingest")) {
                if (replicas.asInt(1) != 1 || !"Recreate".equals(s.workload().at("/spec/strategy/type").asText())) {
                    problems.add(s.id() + ": a camera ingest runs exactly 1 replica with strategy Recreate (two "
                            + "publishers of one stream id would interleave)");
                }
                continue;
            }
            if (!replicas.isMissingNode() && replicas.asInt() > partitions) {
                problems.add(s.id() + ": replicas " + replicas.asInt() + " exceed the " + partitions + " partitions");
            }
            List<Resource> scalers = r.ofKind("ScaledObject")
                    .filter(so -> so.at("/spec/scaleTargetRef/name").asText().equals(s.workload().name())
                            && so.at("/spec/scaleTargetRef/kind").asText("Deployment").equals(s.workload().kind()))
                    .toList();
            if (scalers.size() != 1) {
                problems.add(s.id() + ": needs exactly one KEDA ScaledObject, has " + scalers.size());
                continue;
            }
            Resource so = scalers.get(0);
            int min = so.at("/spec/minReplicaCount").asInt(0);
            int max = so.at("/spec/maxReplicaCount").asInt(100);
            if (min < 1) {
                problems.add(so.id() + ": minReplicaCount must be at least 1 (a live pipeline does not scale to zero)");
            }
            if (max < min || max > partitions) {
                problems.add(so.id() + ": maxReplicaCount " + max + " must be between minReplicaCount " + min
                        + " and the partition count " + partitions + " (more instances than partitions sit idle)");
            }
            JsonNode window = so.at("/spec/advanced/horizontalPodAutoscalerConfig/behavior/scaleDown/stabilizationWindowSeconds");
            if (window.asInt(0) <= 0) {
                problems.add(so.id() + ": needs behavior.scaleDown.stabilizationWindowSeconds > 0 (each scaling step is "
                        + "a rebalance)");
            }
            Set<String> topics = new TreeSet<>();
            JsonNode triggers = so.at("/spec/triggers");
            if (triggers.isEmpty()) {
                problems.add(so.id() + ": no triggers");
            }
            for (JsonNode trigger : triggers) {
                JsonNode m = trigger.path("metadata");
                String where = so.id() + " trigger on " + m.path("topic").asText();
                if (!"kafka".equals(trigger.path("type").asText())) {
                    problems.add(where + ": type must be kafka (consumer lag), is " + trigger.path("type").asText());
                }
                if (!s.contract().applicationId().equals(m.path("consumerGroup").asText())) {
                    problems.add(where + ": consumerGroup must be the stage's application id "
                            + s.contract().applicationId() + ", is " + m.path("consumerGroup").asText());
                }
                topics.add(m.path("topic").asText());
                if (parsePositive(m.path("lagThreshold").asText()) <= 0) {
                    problems.add(where + ": lagThreshold must be a positive number");
                }
                if (!m.path("bootstrapServers").asText().equals(s.flags().get("--bootstrap-servers"))) {
                    problems.add(where + ": bootstrapServers " + m.path("bootstrapServers").asText()
                            + " differ from the stage's " + s.flags().get("--bootstrap-servers"));
                }
                if (!"enable".equals(m.path("tls").asText())) {
                    problems.add(where + ": tls must be 'enable' (the brokers only speak TLS)");
                }
                if (m.path("allowIdleConsumers").asBoolean(false)) {
                    problems.add(where + ": allowIdleConsumers would scale past the partition count");
                }
                if (!auths.contains(trigger.at("/authenticationRef/name").asText())) {
                    problems.add(where + ": authenticationRef " + trigger.at("/authenticationRef/name").asText()
                            + " is not a TriggerAuthentication of the render");
                }
            }
            if (!topics.equals(new TreeSet<>(s.contract().inputs()))) {
                problems.add(so.id() + ": triggers watch " + topics + ", the stage consumes " + s.contract().inputs());
            }
        }
        String kafkaName = onlyKafka(r).name();
        Set<String> users = r.ofKind("KafkaUser").map(Resource::name).collect(Collectors.toSet());
        r.ofKind("TriggerAuthentication").forEach(auth -> {
            Map<String, JsonNode> refs = new HashMap<>();
            auth.at("/spec/secretTargetRef").forEach(ref -> refs.put(ref.path("parameter").asText(), ref));
            JsonNode ca = refs.get("ca");
            if (ca == null || !ca.path("name").asText().equals(kafkaName + "-cluster-ca-cert")
                    || !ca.path("key").asText().equals("ca.crt")) {
                problems.add(auth.id() + ": ca must be ca.crt of " + kafkaName + "-cluster-ca-cert");
            }
            for (String p : List.of("cert", "key")) {
                JsonNode ref = refs.get(p);
                if (ref == null || !users.contains(ref.path("name").asText())
                        || !ref.path("key").asText().equals("user." + (p.equals("cert") ? "crt" : "key"))) {
                    problems.add(auth.id() + ": " + p + " must come from a KafkaUser's secret (user.crt / user.key)");
                }
            }
        });
        assertNoProblems(overlay, "autoscaling", problems);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void everyWorkloadHasADisruptionBudgetThatNeverBlocksADrain(String overlay) {
        Rendered r = render(overlay);
        List<String> problems = new ArrayList<>();
        List<Resource> pdbs = r.ofKind("PodDisruptionBudget").toList();
        for (Resource w : workloads(r)) {
            JsonNode labels = podTemplate(w).at("/metadata/labels");
            List<Resource> matching = pdbs.stream().filter(p -> selects(p.at("/spec/selector"), labels)).toList();
            if (matching.size() != 1) {
                problems.add(w.id() + ": needs exactly one PodDisruptionBudget selecting its pods, has "
                        + matching.stream().map(Resource::id).toList());
                continue;
            }
            JsonNode spec = matching.get(0).at("/spec");
            if (spec.has("minAvailable") || spec.path("maxUnavailable").asInt(0) < 1) {
                problems.add(matching.get(0).id() + ": use maxUnavailable >= 1; minAvailable blocks node drains while a "
                        + "stage runs at its minimum");
            }
        }
        assertNoProblems(overlay, "disruption budgets", problems);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Network

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void onlyThePipelineAndKedaReachTheBrokersAndNothingReachesThePipelineButPrometheus(String overlay) {
        Rendered r = render(overlay);
        Resource kafka = onlyKafka(r);
        List<String> problems = new ArrayList<>();
        for (JsonNode l : kafka.at("/spec/kafka/listeners")) {
            String name = kafka.id() + " listener '" + l.path("name").asText() + "'";
            JsonNode peers = l.path("networkPolicyPeers");
            if (!peers.isArray() || peers.isEmpty()) {
                problems.add(name + ": needs networkPolicyPeers (without them Strimzi lets every pod connect)");
                continue;
            }
            for (JsonNode peer : peers) {
                boolean pipeline = !peer.has("namespaceSelector") && !peer.has("ipBlock")
                        && labels(peer.at("/podSelector/matchLabels")).equals(Map.of(PART_OF, PIPELINE))
                        && peer.at("/podSelector/matchExpressions").isMissingNode();
                boolean keda = peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText().equals("keda")
                        && !peer.at("/podSelector/matchLabels").isEmpty();
                if (!pipeline && !keda) {
                    problems.add(name + ": peer " + peer + " is neither the pipeline's pods (" + PART_OF + "=" + PIPELINE
                            + ") nor KEDA's operator");
                }
            }
        }
        for (Resource w : workloads(r)) {
            if (!PIPELINE.equals(podTemplate(w).at("/metadata/labels").path(PART_OF).asText())) {
                problems.add(w.id() + ": pods must be labelled " + PART_OF + "=" + PIPELINE
                        + " (the brokers' NetworkPolicy and the PodMonitor select them by it)");
            }
            if (kafka.name().equals(podTemplate(w).at("/metadata/labels/strimzi.io~1cluster").asText())) {
                problems.add(w.id() + ": must not look like a Strimzi pod");
            }
        }
        if (!kafka.at("/metadata/labels").path(PART_OF).isMissingNode()) {
            problems.add(kafka.id() + ": must not carry " + PART_OF + " (Strimzi copies it onto the broker pods)");
        }
        List<Resource> policies = r.ofKind("NetworkPolicy")
                .filter(p -> labels(p.at("/spec/podSelector/matchLabels")).equals(Map.of(PART_OF, PIPELINE))).toList();
        if (policies.isEmpty()) {
            problems.add("no NetworkPolicy restricts traffic into the pipeline's pods");
        }
        for (Resource p : policies) {
            Set<String> types = new TreeSet<>();
            p.at("/spec/policyTypes").forEach(t -> types.add(t.asText()));
            if (!types.contains("Ingress")) {
                problems.add(p.id() + ": must restrict Ingress");
            }
            for (JsonNode rule : p.at("/spec/ingress")) {
                if (rule.path("from").isEmpty() || rule.path("ports").isEmpty()) {
                    problems.add(p.id() + ": an ingress rule open to every source or port: " + rule);
                }
                for (JsonNode port : rule.path("ports")) {
                    if (!Set.of("http", "8080").contains(port.path("port").asText())) {
                        problems.add(p.id() + ": opens port " + port.path("port").asText() + "; the pods serve only http");
                    }
                }
            }
        }
        assertNoProblems(overlay, "network", problems);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Monitoring

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void everyPodIsScrapedAndTheDashboardIsDeployed(String overlay) throws IOException {
        Rendered r = render(overlay);
        List<String> problems = new ArrayList<>();
        List<Resource> monitors = Stream.concat(r.ofKind("PodMonitor"), r.ofKind("ServiceMonitor")).toList();
        for (Resource w : workloads(r)) {
            JsonNode labels = podTemplate(w).at("/metadata/labels");
            List<Resource> scraping = monitors.stream()
                    .filter(m -> m.kind().equals("PodMonitor") && selects(m.at("/spec/selector"), labels)).toList();
            if (scraping.isEmpty()) {
                problems.add(w.id() + ": no PodMonitor scrapes its pods");
            }
            for (Resource m : scraping) {
                boolean metricsEndpoint = false;
                boolean podLabel = false;
                for (JsonNode e : m.at("/spec/podMetricsEndpoints")) {
                    metricsEndpoint |= e.path("port").asText().equals("http") && e.path("path").asText("/metrics").equals("/metrics");
                    for (JsonNode rl : e.path("relabelings")) {
                        podLabel |= rl.path("targetLabel").asText().equals("pod");
                    }
                }
                if (!metricsEndpoint) {
                    problems.add(m.id() + ": must scrape port http, path /metrics");
                }
                if (!podLabel) {
                    problems.add(m.id() + ": must label every series with its pod");
                }
            }
            boolean httpPort = false;
            for (JsonNode c : podSpec(w).path("containers")) {
                for (JsonNode p : c.path("ports")) {
                    httpPort |= p.path("name").asText().equals("http");
                }
            }
            if (!httpPort) {
                problems.add(w.id() + ": no container port named http for /metrics");
            }
        }
        List<Resource> dashboards = r.ofKind("ConfigMap")
                .filter(c -> c.at("/metadata/labels").has("grafana_dashboard")).toList();
        if (dashboards.size() != 1) {
            problems.add("expected one ConfigMap labelled grafana_dashboard, found " + dashboards.size());
        } else {
            JsonNode data = dashboards.get(0).at("/data");
            Iterator<String> keys = data.fieldNames();
            String key = keys.hasNext() ? keys.next() : "";
            JsonNode deployed = GrafanaDashboard.parse(data.path(key).asText("{}"));
            if (!key.endsWith(".json") || !deployed.equals(GrafanaDashboard.read())) {
                problems.add(dashboards.get(0).id() + ": must carry " + GrafanaDashboard.FILE.getFileName() + " unchanged");
            }
            GrafanaDashboard.problems(deployed).forEach(p -> problems.add(dashboards.get(0).id() + ": " + p));
        }
        assertNoProblems(overlay, "monitoring", problems);
    }

    // ---------------------------------------------------------------------------------------------------------
    // GPU placement

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "gpu"})
    void inferenceStagesRunOnGpuNodesInTheGpuOverlayOnly(String overlay) {
        Rendered r = render(overlay);
        boolean gpuOverlay = overlay.equals("gpu");
        List<String> problems = new ArrayList<>();
        for (StageWorkload s : stageWorkloads(r)) {
            JsonNode pod = podSpec(s.workload());
            int gpus = s.container().at("/resources/limits/nvidia.com~1gpu").asInt(0);
            String image = s.container().path("image").asText();
            String imageName = image.substring(0, image.lastIndexOf(':'));
            boolean cudaImage = imageName.endsWith("-cuda");
            boolean wantGpu = gpuOverlay && INFERENCE_STAGES.contains(s.stage());
            Properties config = kafkaConfig(r, s);
            String device = config == null ? null : config.getProperty(s.stage() + ".device", "cpu");
            if (INFERENCE_STAGES.contains(s.stage()) && !(wantGpu ? "cuda" : "cpu").equals(device)) {
                problems.add(s.id() + ": " + s.stage() + ".device must be " + (wantGpu ? "cuda" : "cpu") + " in the "
                        + overlay + " overlay, is " + device);
            }
            if (wantGpu) {
                if (gpus < 1) {
                    problems.add(s.id() + ": needs resources.limits nvidia.com/gpu >= 1");
                }
                if (!cudaImage) {
                    problems.add(s.id() + ": needs the CUDA image (…-cuda), runs " + image);
                }
                if (pod.path("nodeSelector").isEmpty() && pod.at("/affinity/nodeAffinity").isMissingNode()) {
                    problems.add(s.id() + ": needs a node selector or affinity for GPU nodes");
                }
                boolean tolerates = false;
                for (JsonNode t : pod.path("tolerations")) {
                    tolerates |= t.path("key").asText().equals("nvidia.com/gpu");
                }
                if (!tolerates) {
                    problems.add(s.id() + ": needs a toleration for the nvidia.com/gpu taint");
                }
            } else {
                if (gpus > 0 || s.container().at("/resources/requests/nvidia.com~1gpu").asInt(0) > 0) {
                    problems.add(s.id() + ": must not take a GPU in the " + overlay + " overlay");
                }
                if (cudaImage) {
                    problems.add(s.id() + ": runs the CUDA image " + image + " without a GPU");
                }
                pod.path("nodeSelector").fieldNames().forEachRemaining(k -> {
                    if (k.startsWith("nvidia.com/")) {
                        problems.add(s.id() + ": selects GPU nodes without using a GPU");
                    }
                });
            }
        }
        assertNoProblems(overlay, "GPU placement", problems);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The kustomizations themselves: only what kustomize v2.0 (Debian's kubectl 1.20) understands

    @Test
    void kustomizationsUseOnlyFieldsThatOldKustomizeUnderstands() throws IOException {
        Set<String> allowed = Set.of("apiVersion", "kind", "namespace", "namePrefix", "resources", "bases",
                "patchesStrategicMerge", "patchesJson6902", "images", "configMapGenerator", "secretGenerator",
                "generatorOptions", "commonAnnotations");
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<String> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Rendered.K8S_DIR)) {
            files = walk.filter(p -> p.getFileName().toString().equals("kustomization.yaml"))
                    .filter(p -> !p.startsWith(Rendered.K8S_DIR.resolve("target"))).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no kustomization.yaml under " + Rendered.K8S_DIR);
        for (Path file : files) {
            String where = Rendered.K8S_DIR.relativize(file).toString();
            JsonNode k = yaml.readTree(file.toFile());
            k.fieldNames().forEachRemaining(f -> {
                if (!allowed.contains(f)) {
                    problems.add(where + ": field '" + f + "' is unknown to kustomize v2.0; use " + allowed);
                }
            });
            for (JsonNode res : k.path("resources")) {
                if (!Files.isRegularFile(file.getParent().resolve(res.asText()))) {
                    problems.add(where + ": resources entry '" + res.asText() + "' must be a file (directories go "
                            + "under bases for kustomize v2.0)");
                }
            }
        }
        assertNoProblems("k8s", "kustomizations", problems);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    /** An overlay plus the camera ingests, as docs/operations.md applies them. */
    static Rendered render(String overlay) {
        return Rendered.of("overlays/" + overlay, CAMERAS);
    }

    record StageWorkload(Resource workload, JsonNode container, String stage, Map<String, String> flags,
                         Map<String, JsonNode> volumes, Map<String, String> secretVolumes, StageContract contract) {
        String id() {
            return workload.id();
        }
    }

    /** Every workload running a stage subcommand (ingest, vision, audio, fusion), with its derived contract. */
    static List<StageWorkload> stageWorkloads(Rendered r) {
        List<StageWorkload> stages = new ArrayList<>();
        for (Resource w : workloads(r)) {
            JsonNode pod = podSpec(w);
            for (JsonNode c : pod.path("containers")) {
                JsonNode args = c.path("args");
                String stage = args.isEmpty() ? "" : args.get(0).asText();
                if (!stage.equals("ingest") && !StageContract.STREAMS_STAGES.contains(stage)) {
                    fail(w.id() + " container " + c.path("name").asText() + " runs '" + stage
                            + "', not a stage subcommand (ingest, vision, audio, fusion)");
                }
                Map<String, String> flags = flags(c);
                Map<String, JsonNode> volumes = new LinkedHashMap<>();
                Map<String, String> secrets = new LinkedHashMap<>();
                pod.path("volumes").forEach(v -> {
                    volumes.put(v.path("name").asText(), v);
                    if (v.has("secret") && mountOfVolume(c, v.path("name").asText()) != null) {
                        secrets.put(v.path("name").asText(), v.at("/secret/secretName").asText());
                    }
                });
                StageContract contract = StageContract.of(stage, flags.get("--application-id"));
                stages.add(new StageWorkload(w, c, stage, flags, volumes, secrets, contract));
            }
        }
        return stages;
    }

    static List<Resource> workloads(Rendered r) {
        return r.all().stream().filter(x -> WORKLOAD_KINDS.contains(x.kind())).toList();
    }

    static JsonNode podTemplate(Resource w) {
        return w.kind().equals("CronJob") ? w.at("/spec/jobTemplate/spec/template") : w.at("/spec/template");
    }

    static JsonNode podSpec(Resource w) {
        return podTemplate(w).path("spec");
    }

    /** {@code --flag value} pairs of a container's args ({@code --flag=value} too). */
    static Map<String, String> flags(JsonNode container) {
        Map<String, String> flags = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        container.path("args").forEach(a -> args.add(a.asText()));
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                continue;
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                flags.put(a.substring(0, eq), a.substring(eq + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                flags.put(a, args.get(++i));
            } else {
                flags.put(a, "true");
            }
        }
        return flags;
    }

    static JsonNode mountAt(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                return m;
            }
        }
        return null;
    }

    static JsonNode mountOfVolume(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("name").asText().equals(volume)) {
                return m;
            }
        }
        return null;
    }

    static Resource onlyKafka(Rendered r) {
        List<Resource> clusters = r.ofKind("Kafka").toList();
        if (clusters.size() != 1) {
            fail("expected exactly one Kafka cluster, found " + clusters.stream().map(Resource::id).toList());
        }
        return clusters.get(0);
    }

    /** Nodes of the cluster with the role ("broker" or "controller"), summed over its KafkaNodePools. */
    static int nodes(Rendered r, Resource kafka, String role) {
        return r.ofKind("KafkaNodePool")
                .filter(p -> kafka.name().equals(p.at("/metadata/labels/strimzi.io~1cluster").asText()))
                .filter(p -> {
                    for (JsonNode rr : p.at("/spec/roles")) {
                        if (rr.asText().equals(role)) {
                            return true;
                        }
                    }
                    return false;
                })
                .mapToInt(p -> p.at("/spec/replicas").asInt(0)).sum();
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        if (node != null) {
            node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        }
        return labels;
    }

    /** Whether a label selector (matchLabels only; matchExpressions are not used here) selects these labels. */
    static boolean selects(JsonNode selector, JsonNode podLabels) {
        Map<String, String> want = labels(selector.path("matchLabels"));
        if (want.isEmpty() || selector.has("matchExpressions")) {
            return false;
        }
        Map<String, String> have = labels(podLabels);
        return want.entrySet().stream().allMatch(e -> e.getValue().equals(have.get(e.getKey())));
    }

    static double parsePositive(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static void assertNoProblems(String overlay, String what, List<String> problems) {
        Set<String> unique = new LinkedHashSet<>(problems);
        assertTrue(unique.isEmpty(), "k8s/" + (overlay.equals("k8s") ? "" : "overlays/" + overlay + " (+ k8s/cameras)")
                + ": " + what + ":\n  " + String.join("\n  ", unique));
    }

    private static final class ObjectMapperHolder {
        static final JsonNode EMPTY = new ObjectMapper().createObjectNode();
    }
}
