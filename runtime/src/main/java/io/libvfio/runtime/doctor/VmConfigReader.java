package io.libvfio.runtime.doctor;

import io.libvfio.api.PciAddress;
import io.libvfio.api.StandardErrorCode;
import io.libvfio.api.VfioException;
import io.libvfio.runtime.plan.SliceRequest;
import io.libvfio.runtime.plan.VramRange;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.Construct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code gpus} list of a LibVF.IO VM file ({@code arcd}'s YAML), and nothing else: full
 * configuration support belongs to the VM commands. Accepts NimYAML's form (a {@code %TAG !n!
 * tag:nimyaml.org,2016:} directive, the document tagged {@code !n!custom:Config}, each GPU a list of
 * one-key maps) and the plain form (each GPU one map).
 * <p>
 * Loading is safe: SnakeYAML's {@link SafeConstructor} (plain maps, lists and scalars only, NimYAML
 * tags read as their plain kind), with limits on size, nesting and aliases, and no duplicate keys.
 */
public final class VmConfigReader
{
    static final String NIM_TAG_PREFIX = "tag:nimyaml.org,2016:";
    private static final int MAX_CODE_POINTS = 1024 * 1024;

    private VmConfigReader()
    {
    }

    public static List<GpuRequest> read(Path file)
    {
        try (InputStream in = Files.newInputStream(file); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return parse(file.toString(), reader);
        }
        catch (NoSuchFileException e) {
            throw invalid(file.toString(), "no such file");
        }
        catch (IOException e) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, "cannot read %s: %s".formatted(file, e.getMessage()), e);
        }
    }

    static List<GpuRequest> parse(String name, Reader reader)
    {
        Object document;
        try {
            document = yaml().load(reader);
        }
        catch (YAMLException e) {
            throw new VfioException(StandardErrorCode.INVALID_CONFIG, "%s: not a valid VM file: %s".formatted(name, oneLine(e.getMessage())), e);
        }
        if (!(document instanceof Map<?, ?> config)) {
            throw invalid(name, "expected a mapping of settings (name, cpus, gpus, ...) at the top");
        }
        Object gpus = config.get("gpus");
        if (gpus == null) {
            return List.of();
        }
        if (!(gpus instanceof List<?> entries)) {
            throw invalid(name, "gpus: expected a list");
        }
        List<GpuRequest> requests = new ArrayList<>();
        for (int index = 0; index < entries.size(); index++) {
            requests.add(request(name, index, fields(name, index, entries.get(index))));
        }
        return requests;
    }

    private static Yaml yaml()
    {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(32);
        options.setCodePointLimit(MAX_CODE_POINTS);
        return new Yaml(new NimYamlConstructor(options));
    }

    /** One GPU entry's keys: NimYAML's list of one-key maps merged, or a plain map. */
    private static Map<String, Object> fields(String name, int index, Object entry)
    {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (entry instanceof Map<?, ?> map) {
            map.forEach((key, value) -> fields.put(String.valueOf(key), value));
            return fields;
        }
        if (!(entry instanceof List<?> list)) {
            throw invalid(name, "gpus[%d]: expected a list of one-key maps or a map".formatted(index));
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map) || map.size() != 1) {
                throw invalid(name, "gpus[%d]: every item must be a one-key map such as {minVRam: 1000}".formatted(index));
            }
            Map.Entry<?, ?> field = map.entrySet().iterator().next();
            String key = String.valueOf(field.getKey());
            if (fields.containsKey(key)) {
                throw invalid(name, "gpus[%d]: %s is given twice".formatted(index, key));
            }
            fields.put(key, field.getValue());
        }
        return fields;
    }

    private static GpuRequest request(String name, int index, Map<String, Object> fields)
    {
        String where = "gpus[%d]".formatted(index);
        Object type = fields.get("gpuType");
        if (type == null) {
            throw invalid(name, where + ": gpuType is required (sriovdev, sysfsdev or passthrough)");
        }
        GpuRequest.Kind kind = switch (String.valueOf(type).toLowerCase(Locale.ROOT)) {
            case "sriovdev" -> GpuRequest.Kind.SRIOVDEV;
            case "sysfsdev" -> GpuRequest.Kind.SYSFSDEV;
            case "passthrough" -> GpuRequest.Kind.PASSTHROUGH;
            default -> throw invalid(name, where + ": gpuType '%s' is not sriovdev, sysfsdev or passthrough".formatted(type));
        };
        long min = number(name, where, "minVRam", fields.get("minVRam"), GpuRequest.DEFAULT_MIN_VRAM);
        long max = number(name, where, "maxVRam", fields.get("maxVRam"), GpuRequest.DEFAULT_MAX_VRAM);
        if (min < 0 || max < -1 || max >= 0 && max < min) {
            throw invalid(name, where + ": minVRam %d and maxVRam %d do not make a range (%s)".formatted(min, max,
                    min < 0 ? "minVRam is negative" : max < -1 ? "maxVRam is negative; -1 means no limit" : "minVRam is above maxVRam"));
        }
        Optional<String> mdevType = name(name, where, "mdevType", text(name, where, "mdevType", fields.get("mdevType")).filter(value -> !value.isEmpty()));
        Optional<String> suffix = name(name, where, "suffix", text(name, where, "suffix", fields.get("suffix")).filter(value -> !value.isEmpty()));
        List<String> acceptableTypes = strings(name, where, "acceptableTypes", fields.get("acceptableTypes"));
        for (String acceptable : acceptableTypes) {
            name(name, where, "acceptableTypes", Optional.of(acceptable));
        }
        Optional<String> parentPort = address(name, where, "parentPort", fields.get("parentPort"));
        Optional<String> bdf = address(name, where, "bdf", fields.get("bdf"));
        if (kind == GpuRequest.Kind.PASSTHROUGH && bdf.isEmpty()) {
            throw invalid(name, where + ": a passthrough GPU needs its bdf (PCI address, e.g. 0000:01:00.0)");
        }
        return new GpuRequest(index, kind, min, max, mdevType, acceptableTypes, suffix.orElse(""), parentPort, bdf);
    }

    private static long number(String name, String where, String key, Object value, long fallback)
    {
        if (value == null) {
            return fallback;
        }
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        if (value instanceof String text && !text.isBlank() && Character.isDigit(text.trim().charAt(0))) {
            return VramRange.size(text, text, "%s: %s: %s".formatted(name, where, key), StandardErrorCode.INVALID_CONFIG);
        }
        throw invalid(name, "%s: %s must be a whole number of MB (or a size such as 2G), not '%s'".formatted(where, key, value));
    }

    private static Optional<String> text(String name, String where, String key, Object value)
    {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String || value instanceof Number) {
            return Optional.of(String.valueOf(value));
        }
        throw invalid(name, "%s: %s must be a string".formatted(where, key));
    }

    /** A type name, suffix or acceptable type: it reaches messages and type lookups, so no separators or control characters. */
    private static Optional<String> name(String name, String where, String key, Optional<String> value)
    {
        value.ifPresent(text -> SliceRequest.checkName("%s: %s: %s".formatted(name, where, key), text, StandardErrorCode.INVALID_CONFIG));
        return value;
    }

    private static Optional<String> address(String name, String where, String key, Object value)
    {
        Optional<String> text = text(name, where, key, value).filter(address -> !address.isEmpty());
        if (text.isPresent() && !PciAddress.isValid(text.get())) {
            throw invalid(name, "%s: %s '%s' is not a PCI address such as 0000:01:00.0".formatted(where, key, text.get()));
        }
        return text.map(address -> PciAddress.parse(address).toString());
    }

    private static List<String> strings(String name, String where, String key, Object value)
    {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw invalid(name, "%s: %s must be a list such as [S7150]".formatted(where, key));
        }
        List<String> strings = new ArrayList<>();
        for (Object item : list) {
            strings.add(String.valueOf(item));
        }
        return strings;
    }

    private static VfioException invalid(String name, String message)
    {
        return new VfioException(StandardErrorCode.INVALID_CONFIG, name + ": " + message);
    }

    private static String oneLine(String message)
    {
        return message == null ? "unreadable YAML" : message.replace('\n', ' ').replaceAll(" +", " ").trim();
    }

    /** SafeConstructor that reads NimYAML's tags ({@code !n!custom:Config}, ...) as plain maps, lists and strings. */
    private static final class NimYamlConstructor
            extends SafeConstructor
    {
        NimYamlConstructor(LoaderOptions options)
        {
            super(options);
        }

        @Override
        protected Construct getConstructor(Node node)
        {
            if (node.getTag().getValue().startsWith(NIM_TAG_PREFIX)) {
                node.setTag(node instanceof MappingNode ? Tag.MAP : node instanceof SequenceNode ? Tag.SEQ : Tag.STR);
            }
            return super.getConstructor(node);
        }
    }
}
