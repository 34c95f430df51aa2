package io.chatbackend.platform.events.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import tools.jackson.databind.JsonNode;

/**
 * Every frozen sample of the integration events on the classpath, and the checks that keep them frozen and keep
 * producers compatible with them (docs/evolving-a-context.md).
 *
 * <p>Each contract module keeps its samples in {@code contract-samples/<type>.v<version>.json} and lists each one in
 * a manifest of its own, {@code contract-samples/<module>.sha256}, in {@code sha256sum} format (so
 * {@code sha256sum -c} checks it too). A sample, once listed, is never changed or removed: a new shape of an event
 * is a new version with a new sample and a new manifest line.
 */
public final class ContractSamples {

    /** Where contract modules keep their samples and manifests. */
    public static final String DIRECTORY = "contract-samples";

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final Map<String, ContractSample> byFile = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    private ContractSamples(String directory, ClassLoader loader) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(loader);
        try {
            Map<String, Resource> files = new LinkedHashMap<>();
            for (Resource file : resolver.getResources("classpath*:" + directory + "/*.json")) {
                files.put(file.getFilename(), file);
            }
            Map<String, String> listed = new TreeMap<>();
            for (Resource manifest : resolver.getResources("classpath*:" + directory + "/*.sha256")) {
                readManifest(manifest, listed);
            }
            listed.forEach((file, checksum) -> check(file, checksum, files.get(file)));
            files.keySet().stream().filter(file -> !listed.containsKey(file)).forEach(file -> problems.add(file
                    + " is in no manifest: list it in its module's " + directory + "/<module>.sha256"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The samples of every contract module on this class's classpath. */
    public static ContractSamples onClasspath() {
        return in(DIRECTORY, ContractSamples.class.getClassLoader());
    }

    /** The samples and manifests in {@code directory} of every classpath root the loader sees. */
    public static ContractSamples in(String directory, ClassLoader loader) {
        return new ContractSamples(directory, loader);
    }

    /** Every listed sample that reads as the manifest says, by file name. */
    public List<ContractSample> all() {
        return List.copyOf(byFile.values());
    }

    /** The samples of one event type, oldest version first (empty if none). */
    public List<ContractSample> of(String type) {
        return byFile.values().stream().filter(sample -> sample.type().equals(type))
                .sorted(Comparator.comparingInt(ContractSample::version)).toList();
    }

    /**
     * What is wrong with the samples themselves: a listed file that is missing or whose bytes changed, a sample in
     * no manifest, a file name that does not match the type and version inside. Empty when every sample is frozen.
     */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * What is wrong with an event a producer publishes now: it must have exactly the shape of the frozen sample of
     * its own type and version (so every published shape is documented by a sample), and every earlier version's
     * sample must still read it ({@link ContractCompatibility}). Empty when it may be published.
     */
    public List<String> checkPublished(IntegrationEvent published) {
        List<ContractSample> samples = of(published.type());
        String what = published.type() + " v" + published.version();
        if (samples.isEmpty()) {
            return List.of("no frozen sample of " + published.type() + ": add " + fileName(published));
        }
        List<String> found = new ArrayList<>();
        JsonNode now = codec.toTree(published);
        boolean hasOwnVersion = false;
        for (ContractSample sample : samples) {
            JsonNode earlier = codec.toTree(sample.event());
            ContractCompatibility.breaks(earlier, now)
                    .forEach(line -> found.add(what + " breaks readers of " + sample.file() + ": " + line));
            if (sample.version() == published.version()) {
                hasOwnVersion = true;
                ContractCompatibility.additions(earlier, now).forEach(line -> found.add(what + " publishes "
                        + line + ", which " + sample.file() + " does not show: a new member is a new version"));
            } else if (sample.version() > published.version()) {
                found.add(what + " is older than the frozen sample " + sample.file());
            }
        }
        if (!hasOwnVersion) {
            found.add("no frozen sample of " + what + ": add " + fileName(published) + " and its manifest line");
        }
        return found;
    }

    private void readManifest(Resource manifest, Map<String, String> listed) throws IOException {
        String text = manifest.getContentAsString(StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.trim().split("\\s+\\*?", 2);
            if (parts.length != 2) {
                problems.add(manifest.getFilename() + ": not a checksum line: " + line);
            } else if (listed.put(parts[1], parts[0]) != null) {
                problems.add(parts[1] + " is listed twice");
            }
        }
    }

    private void check(String file, String checksum, Resource resource) {
        if (resource == null) {
            problems.add(file + " is listed but missing: a published sample is never removed");
            return;
        }
        try {
            byte[] bytes = resource.getContentAsByteArray();
            if (!sha256(bytes).equalsIgnoreCase(checksum)) {
                problems.add(file + " changed after it was frozen: add a new version instead");
                return;
            }
            IntegrationEvent event = codec.decode(bytes);
            if (!file.equals(fileName(event))) {
                problems.add(file + " holds " + fileName(event) + ": the name must say the type and version");
                return;
            }
            byFile.put(file, new ContractSample(file, event));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            problems.add(file + " is not an integration event: " + e.getMessage());
        }
    }

    private static String fileName(IntegrationEvent event) {
        return event.type() + ".v" + event.version() + ".json";
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
