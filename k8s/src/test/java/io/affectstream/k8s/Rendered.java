package io.affectstream.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The resources of one or more kustomizations, rendered by {@code kubectl kustomize} exactly as an operator's
 * {@code kubectl apply -k} would send them. Renders are cached per directory for the test run.
 */
final class Rendered {
    /** The k8s module directory (set by surefire; the working directory when run from an IDE in the module). */
    static final Path K8S_DIR = Path.of(System.getProperty("affect.k8s.dir", System.getProperty("basedir", ".")))
            .toAbsolutePath().normalize();

    static final String INSTALL_HINT = "Install a kubectl with built-in kustomize: run scripts/install-k8s-tools.sh "
            + "(as root; CI runs it from .ci/run), or point AFFECT_KUBECTL at a kubectl binary.";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, List<Resource>> CACHE = new ConcurrentHashMap<>();

    /** One rendered object. */
    record Resource(String kind, String name, JsonNode node) {
        String id() {
            return kind + "/" + name;
        }

        JsonNode at(String pointer) {
            return node.at(pointer);
        }
    }

    private final List<Resource> resources;

    private Rendered(List<Resource> resources) {
        this.resources = List.copyOf(resources);
    }

    /** The union of the given kustomization directories (relative to k8s/), as applied one after the other. */
    static Rendered of(String... dirs) {
        List<Resource> all = new ArrayList<>();
        for (String dir : dirs) {
            all.addAll(CACHE.computeIfAbsent(dir, Rendered::render));
        }
        return new Rendered(all);
    }

    List<Resource> all() {
        return resources;
    }

    Stream<Resource> ofKind(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind));
    }

    Optional<Resource> find(String kind, String name) {
        return ofKind(kind).filter(r -> r.name().equals(name)).findFirst();
    }

    Resource get(String kind, String name) {
        return find(kind, name).orElseGet(() -> fail("the render has no " + kind + "/" + name));
    }

    static String kubectl() {
        String configured = System.getenv("AFFECT_KUBECTL");
        return configured == null || configured.isBlank() ? "kubectl" : configured;
    }

    private static List<Resource> render(String dir) {
        Path path = K8S_DIR.resolve(dir);
        if (!Files.isRegularFile(path.resolve("kustomization.yaml"))) {
            fail("no kustomization.yaml in " + path);
        }
        Process process;
        Path stderr;
        try {
            stderr = Files.createTempFile("kustomize-", ".err");
            process = new ProcessBuilder(kubectl(), "kustomize", path.toString())
                    .redirectError(stderr.toFile())
                    .start();
        } catch (IOException e) {
            return fail("cannot run '" + kubectl() + " kustomize': " + e.getMessage() + ". " + INSTALL_HINT);
        }
        try {
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail("'kubectl kustomize " + dir + "' did not finish within 120 s");
            }
            String err = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            Files.deleteIfExists(stderr);
            if (process.exitValue() != 0) {
                return fail("'kubectl kustomize k8s/" + dir + "' failed (exit " + process.exitValue() + "): " + err
                        + (err.contains("unknown command") ? ". " + INSTALL_HINT : ""));
            }
            return parse(new String(out, StandardCharsets.UTF_8), dir);
        } catch (IOException e) {
            return fail("cannot read the output of 'kubectl kustomize " + dir + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while rendering " + dir);
        }
    }

    static List<Resource> parse(String yaml, String source) throws IOException {
        List<Resource> parsed = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                String kind = doc.path("kind").asText("");
                String name = doc.path("metadata").path("name").asText("");
                if (kind.isEmpty() || name.isEmpty()) {
                    fail("a rendered object of " + source + " has no kind or metadata.name: " + doc);
                }
                parsed.add(new Resource(kind, name, doc));
            }
        }
        if (parsed.isEmpty()) {
            fail("'kubectl kustomize " + source + "' rendered nothing");
        }
        return Collections.unmodifiableList(parsed);
    }
}
