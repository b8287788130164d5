package io.libvfio.runtime.vm.config;

import io.libvfio.api.PciAddress;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a {@code gpus} list in either format. LibVF.IO: each entry a list of one-key maps (as
 * NimYAML writes a variant object) or a plain map, kind in {@code gpuType}
 * ({@code sysfsdev|sriovdev|passthrough}), the passthrough address in {@code bdf}. Native: each
 * entry a map, kind in {@code kind} ({@code mdev|sriov|passthrough}), the address in
 * {@code address}. Keys of another kind are refused, as NimYAML refuses them.
 */
final class GpuReader
{
    static final long MAX_VRAM_MIB = 16L * 1024 * 1024;
    static final List<String> LIBVFIO_KINDS = List.of("sysfsdev", "sriovdev", "passthrough");
    static final List<String> NATIVE_KINDS = List.of("mdev", "sriov", "passthrough");
    static final List<String> MDEV_KEYS = List.of("minVRam", "maxVRam", "suffix", "mdevType", "parentPort", "devId");
    static final List<String> SRIOV_KEYS = List.of("minVRam", "maxVRam", "acceptableTypes", "devId");

    private static final Pattern DEV_ID = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    private static final Pattern MDEV_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}");
    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9_-]{0,32}");
    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.+-]{0,63}");

    private final ConfigFormat format;
    private final Problems problems;
    private final Positions positions;

    GpuReader(ConfigFormat format, Problems problems, Positions positions)
    {
        this.format = format;
        this.problems = problems;
        this.positions = positions;
    }

    List<GpuRequest> read(Node gpus)
    {
        List<GpuRequest> requests = new ArrayList<>();
        Optional<List<Node>> entries = Scalars.list(gpus, "gpus", problems);
        if (entries.isEmpty()) {
            return requests;
        }
        Set<String> devIds = new HashSet<>();
        for (int index = 0; index < entries.get().size(); index++) {
            Node entry = entries.get().get(index);
            String path = "gpus[" + index + "]";
            positions.put(path, SafeYaml.position(path, entry));
            Optional<YamlMap> fields = fields(path, entry);
            if (fields.isEmpty()) {
                continue;
            }
            Optional<GpuRequest> request = request(index, fields.get());
            if (request.isPresent()) {
                if (!devIds.add(request.get().devId())) {
                    problems.add(fields.get().position("devId"), "devId '" + request.get().devId() + "' is used by another GPU of this VM");
                }
                requests.add(request.get());
            }
        }
        return requests;
    }

    private Optional<YamlMap> fields(String path, Node entry)
    {
        if (format == ConfigFormat.LIBVFIO && entry instanceof SequenceNode list) {
            YamlMap fields = YamlMap.empty(path, entry);
            int before = problems.count();
            for (Node item : list.getValue()) {
                if (!(item instanceof MappingNode map) || map.getValue().size() != 1) {
                    problems.add(SafeYaml.position(path, item), "expected a one-key map such as {minVRam: 1000}, not " + Scalars.kind(item));
                    continue;
                }
                NodeTuple tuple = map.getValue().get(0);
                fields.put(tuple, problems);
            }
            return problems.count() == before ? Optional.of(fields) : Optional.empty();
        }
        if (entry instanceof MappingNode) {
            return YamlMap.of(path, entry, problems);
        }
        problems.add(SafeYaml.position(path, entry), (format == ConfigFormat.LIBVFIO ? "expected a list of one-key maps or a map, not " : "expected a map, not ")
                + Scalars.kind(entry));
        return Optional.empty();
    }

    private Optional<GpuRequest> request(int index, YamlMap fields)
    {
        String kindKey = format == ConfigFormat.LIBVFIO ? "gpuType" : "kind";
        List<String> kinds = format == ConfigFormat.LIBVFIO ? LIBVFIO_KINDS : NATIVE_KINDS;
        Optional<Node> kindNode = fields.value(kindKey);
        if (kindNode.isEmpty()) {
            problems.add(fields.position(), kindKey + " is required (" + String.join(", ", kinds) + ")");
            return Optional.empty();
        }
        Optional<Integer> kind = Scalars.choice(kindNode.get(), fields.key(kindKey), kinds, problems);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        String addressKey = format == ConfigFormat.LIBVFIO ? "bdf" : "address";
        List<String> known = new ArrayList<>();
        known.add(kindKey);
        switch (kind.get()) {
            case 0 -> known.addAll(MDEV_KEYS);
            case 1 -> known.addAll(SRIOV_KEYS);
            default -> {
                known.add(addressKey);
                known.add("devId");
                if (format == ConfigFormat.LIBVFIO) {
                    known.addAll(List.of("passthroughType", "minVRam", "maxVRam"));
                }
            }
        }
        rejectOtherKinds(fields, known, kinds.get(kind.get()));
        for (String key : known) {
            if (fields.has(key)) {
                positions.put(fields.key(key), fields.position(key));
            }
        }
        int before = problems.count();
        String devId = fields.value("devId").flatMap(node -> checked(node, fields.key("devId"), DEV_ID,
                "a QEMU device id: a letter, then letters, digits, '_', '.', '-'")).orElse(GpuRequest.defaultDevId(index));
        GpuRequest request;
        switch (kind.get()) {
            case 0 -> {
                long[] range = range(fields, false);
                Optional<String> mdevType = fields.value("mdevType").flatMap(node -> Scalars.string(node, fields.key("mdevType"), problems))
                        .filter(type -> !type.isEmpty());
                mdevType.ifPresent(type -> check(type, fields, "mdevType", MDEV_TYPE, "an mdev type directory name such as nvidia-63 or i915-GVTg_V5_4"));
                String suffix = fields.value("suffix").flatMap(node -> checked(node, fields.key("suffix"), SUFFIX, "letters and digits such as Q"))
                        .orElse("");
                Optional<PciAddress> parent = fields.value("parentPort").flatMap(node -> address(node, fields.key("parentPort")));
                request = new MdevGpu(index, range[0], range[1], suffix, mdevType, parent, devId);
            }
            case 1 -> {
                long[] range = range(fields, true);
                List<String> types = new ArrayList<>();
                fields.value("acceptableTypes").flatMap(node -> Scalars.strings(node, fields.key("acceptableTypes"), problems)).ifPresent(names -> {
                    for (String name : names) {
                        if (TYPE_NAME.matcher(name).matches()) {
                            types.add(name);
                        }
                        else {
                            problems.add(fields.position("acceptableTypes"), "'" + Scalars.shorten(name) + "' is not a GPU type name such as S7150");
                        }
                    }
                });
                request = new SriovGpu(index, range[0], range[1], types, devId);
            }
            default -> {
                Optional<PciAddress> address = fields.value(addressKey).flatMap(node -> address(node, fields.key(addressKey)));
                if (!fields.has(addressKey)) {
                    problems.add(fields.position(), "a passthrough GPU needs its " + addressKey + " (a PCI address such as 0000:01:00.0)");
                }
                if (address.isEmpty()) {
                    return Optional.empty();
                }
                request = new PassthroughGpu(index, address.get(), devId);
            }
        }
        return problems.count() == before ? Optional.of(request) : Optional.empty();
    }

    private void rejectOtherKinds(YamlMap fields, List<String> known, String kind)
    {
        List<String> all = new ArrayList<>(known);
        List<String> others = new ArrayList<>(MDEV_KEYS);
        others.addAll(SRIOV_KEYS);
        others.addAll(List.of("bdf", "address", "passthroughType"));
        for (String other : others) {
            if (!all.contains(other) && fields.has(other) && isKnownInFormat(other)) {
                problems.add(fields.position(other), "does not apply to a " + kind + " GPU");
                all.add(other);
            }
        }
        fields.rejectUnknown(all, problems);
    }

    private boolean isKnownInFormat(String key)
    {
        return format == ConfigFormat.LIBVFIO ? !key.equals("address") : !key.equals("bdf") && !key.equals("passthroughType");
    }

    /** {@code [minVRam, maxVRam]}: defaults 1000 and 2000 MiB; {@code maxVRam -1} (no limit) only where {@code noLimit}. */
    private long[] range(YamlMap fields, boolean noLimit)
    {
        long min = fields.value("minVRam").flatMap(node -> Scalars.integer(node, fields.key("minVRam"), 0, MAX_VRAM_MIB, " MiB", problems))
                .orElse(GpuRequest.DEFAULT_MIN_VRAM);
        long max = fields.value("maxVRam").flatMap(node -> Scalars.integer(node, fields.key("maxVRam"), noLimit ? -1 : 0, MAX_VRAM_MIB, " MiB", problems))
                .orElse(GpuRequest.DEFAULT_MAX_VRAM);
        if (max >= 0 && max < min) {
            problems.add(fields.position(fields.has("maxVRam") ? "maxVRam" : "minVRam"),
                    "maxVRam " + max + " is below minVRam " + min + " (MiB)" + (noLimit ? "; -1 means no upper limit" : ""));
        }
        return new long[] {min, max};
    }

    private Optional<PciAddress> address(Node node, String key)
    {
        Optional<String> text = Scalars.string(node, key, problems);
        if (text.isEmpty() || text.get().isEmpty()) {
            return Optional.empty();
        }
        if (!PciAddress.isValid(text.get())) {
            problems.add(SafeYaml.position(key, node), "'" + Scalars.shorten(text.get()) + "' is not a PCI address such as 0000:01:00.0");
            return Optional.empty();
        }
        return Optional.of(PciAddress.parse(text.get()));
    }

    private Optional<String> checked(Node node, String key, Pattern pattern, String what)
    {
        Optional<String> text = Scalars.string(node, key, problems);
        if (text.isPresent() && !pattern.matcher(text.get()).matches()) {
            problems.add(SafeYaml.position(key, node), "'" + Scalars.shorten(text.get()) + "' is not " + what);
            return Optional.empty();
        }
        return text;
    }

    private void check(String value, YamlMap fields, String key, Pattern pattern, String what)
    {
        if (!pattern.matcher(value).matches()) {
            problems.add(fields.position(key), "'" + Scalars.shorten(value) + "' is not " + what);
        }
    }
}
