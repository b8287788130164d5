package io.libvfio.runtime.vm.config;

import io.libvfio.api.PciAddress;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Maps the native format ({@link NativeSchema}) onto a {@link VmConfig}. */
final class NativeReader
{
    private static final SchemaKey ROOT = NativeSchema.ROOT;
    private static final int MAX_PORT = 65535;

    private final Fields fields;
    private final ConfigPaths paths;
    private final Path directory;

    NativeReader(Fields fields, ConfigPaths paths, Path directory)
    {
        this.fields = fields;
        this.paths = paths;
        this.directory = directory;
    }

    VmConfig read(YamlMap top, String defaultName, Path source)
    {
        Problems problems = fields.problems();
        top.rejectUnknown(ROOT.names(), problems);
        fields.value(top, "libvfio", "libvfio").ifPresent(marker -> {
            if (!(marker instanceof ScalarNode scalar) || !scalar.getValue().equals(Integer.toString(NativeSchema.VERSION))) {
                problems.add(SafeYaml.position("libvfio", marker), "this libvfio reads format " + NativeSchema.VERSION + ", not " + Scalars.kind(marker));
            }
        });
        String name = defaultName;
        Optional<Node> nameNode = fields.value(top, "name", "name");
        if (nameNode.isPresent()) {
            Optional<String> text = Scalars.string(nameNode.get(), "name", problems);
            if (text.isPresent() && !VmConfig.isValidName(text.get())) {
                problems.add(SafeYaml.position("name", nameNode.get()), "'" + Scalars.shorten(text.get())
                        + "' is not a VM name (letters, digits, '_', '.', '-', at most " + VmConfig.MAX_NAME_LENGTH + ")");
            }
            else if (text.isPresent()) {
                name = text.get();
            }
        }
        Machine machine = machine(top);
        Storage storage = storage(top);
        Network network = network(top);
        Display display = display(top);
        Allocation vsock = allocation(top, "vsock", 3, NativeSchema.MAX_VSOCK_CID, Allocation.auto());
        List<GpuRequest> gpus = fields.value(top, "gpus", "gpus").map(node -> new GpuReader(ConfigFormat.NATIVE, problems, fields.positions()).read(node))
                .orElse(List.of());
        CommandsReader commands = new CommandsReader(fields);
        Hooks hooks = new Hooks(commands.qemuArguments(top, ConfigFormat.NATIVE), commands.hooks(top, "startupCommands", ConfigFormat.NATIVE),
                commands.hooks(top, "teardownCommands", ConfigFormat.NATIVE));
        List<PciAddress> excluded = new ArrayList<>();
        fields.value(top, "excludedDevices", "excludedDevices").flatMap(node -> Scalars.strings(node, "excludedDevices", problems)).ifPresent(addresses -> {
            for (String address : addresses) {
                if (PciAddress.isValid(address)) {
                    excluded.add(PciAddress.parse(address));
                }
                else {
                    problems.add(top.position("excludedDevices"), "'" + Scalars.shorten(address) + "' is not a PCI address such as 0000:01:00.0");
                }
            }
        });
        return new VmConfig(name, Optional.empty(), source, ConfigFormat.NATIVE, machine, storage, network, display, vsock, gpus, hooks, excluded,
                problems.warnings(), fields.positions().build());
    }

    private Machine machine(YamlMap top)
    {
        Machine defaults = Machine.defaults();
        int memory = fields.integer(top, "memory", "memory", Machine.MIN_MEMORY_MIB, Machine.MAX_MEMORY_MIB, " MiB", defaults.memoryMib());
        CpuTopology cpus = defaults.cpus();
        Optional<Node> cpuNode = fields.value(top, "cpus", "cpus");
        if (cpuNode.isPresent() && cpuNode.get() instanceof ScalarNode) {
            cpus = Scalars.integer(cpuNode.get(), "cpus", 1, CpuTopology.MAX_VCPUS, " vCPUs", fields.problems())
                    .map(count -> new CpuTopology(1, count.intValue(), 1)).orElse(cpus);
        }
        else if (cpuNode.isPresent()) {
            YamlMap section = fields.section(top, "cpus", "cpus", ROOT.child("cpus").names());
            cpus = new CpuTopology(fields.integer(section, "sockets", "cpus", 1, 64, "", cpus.sockets()),
                    fields.integer(section, "cores", "cpus", 1, CpuTopology.MAX_VCPUS, "", cpus.cores()),
                    fields.integer(section, "threads", "cpus", 1, 8, "", cpus.threads()));
            if (cpus.vcpus() > CpuTopology.MAX_VCPUS) {
                fields.problems().add(section.position(), "sockets x cores x threads = " + cpus.vcpus() + " vCPUs, more than " + CpuTopology.MAX_VCPUS);
            }
        }
        Accelerator accelerator = fields.choice(top, "accelerator", "accelerator", labels(Accelerator.values()), List.of(Accelerator.values()),
                defaults.accelerator());
        Firmware firmware = firmware(top, defaults.firmware());
        Hugepages hugepages = fields.choice(top, "hugepages", "hugepages", labels(Hugepages.values()), List.of(Hugepages.values()), defaults.hugepages());
        boolean hide = fields.bool(top, "hideHypervisor", "hideHypervisor", defaults.hideHypervisor());
        return new Machine(memory, cpus, accelerator, firmware, hugepages, hide);
    }

    private Firmware firmware(YamlMap top, Firmware defaults)
    {
        List<String> kinds = labels(Firmware.Kind.values());
        Optional<Node> node = fields.value(top, "firmware", "firmware");
        if (node.isPresent() && node.get() instanceof ScalarNode) {
            return Scalars.choice(node.get(), "firmware", kinds, fields.problems()).map(index -> new Firmware(Firmware.Kind.values()[index], false, false))
                    .orElse(defaults);
        }
        YamlMap section = fields.section(top, "firmware", "firmware", ROOT.child("firmware").names());
        Firmware.Kind kind = fields.choice(section, "type", "firmware", kinds, List.of(Firmware.Kind.values()), defaults.kind());
        boolean secureBoot = fields.bool(section, "secureBoot", "firmware", defaults.secureBoot());
        boolean tpm = fields.bool(section, "tpm", "firmware", defaults.tpm());
        if (secureBoot && kind == Firmware.Kind.BIOS) {
            fields.problems().add(section.position("secureBoot"), "Secure Boot needs type uefi");
        }
        return new Firmware(kind, secureBoot, tpm);
    }

    private Storage storage(YamlMap top)
    {
        List<Disk> disks = new ArrayList<>();
        SchemaKey diskKey = ROOT.child("disks");
        fields.value(top, "disks", "disks").flatMap(node -> Scalars.list(node, "disks", fields.problems())).ifPresent(entries -> {
            for (int index = 0; index < entries.size(); index++) {
                String key = "disks[" + index + "]";
                Node entry = entries.get(index);
                fields.positions().put(key, SafeYaml.position(key, entry));
                if (entry instanceof ScalarNode) {
                    path(entry, key).ifPresent(path -> disks.add(new Disk(path, Disk.Bus.VIRTIO)));
                    continue;
                }
                Optional<YamlMap> disk = YamlMap.of(key, entry, fields.problems());
                if (disk.isEmpty()) {
                    continue;
                }
                disk.get().rejectUnknown(diskKey.names(), fields.problems());
                Disk.Bus bus = fields.choice(disk.get(), "bus", key + ".bus", labels(Disk.Bus.values()), List.of(Disk.Bus.values()), Disk.Bus.VIRTIO);
                if (!disk.get().has("path")) {
                    fields.problems().add(disk.get().position(), "path is required (the image file)");
                }
                disk.get().value("path").flatMap(node -> path(node, key + ".path")).ifPresent(path -> disks.add(new Disk(path, bus)));
            }
        });
        Optional<Path> iso = fields.value(top, "iso", "installIso").flatMap(node -> path(node, "iso"));
        Optional<Path> shared = fields.value(top, "sharedDirectory", "sharedDirectory").flatMap(node -> path(node, "sharedDirectory"));
        int size = fields.integer(top, "initialSize", "initialSize", 1, 65536, " GiB", Storage.DEFAULT_INITIAL_SIZE_GIB);
        return new Storage(disks, iso, shared, size);
    }

    private Optional<Path> path(Node node, String key)
    {
        return Scalars.string(node, key, fields.problems()).flatMap(text -> paths.resolve(text, directory, node, key, fields.problems()));
    }

    private Network network(YamlMap top)
    {
        Network defaults = Network.defaults();
        SchemaKey schema = ROOT.child("network");
        YamlMap section = fields.section(top, "network", "network", schema.names());
        Network.Model model = fields.choice(section, "model", "network", labels(Network.Model.values()), List.of(Network.Model.values()), defaults.model());
        Network.Mode mode = fields.choice(section, "mode", "network", labels(Network.Mode.values()), List.of(Network.Mode.values()), defaults.mode());
        Optional<String> bridge = fields.string(section, "bridge", "network.bridge");
        if (bridge.isPresent() && !bridge.get().matches("[A-Za-z0-9_.-]{1,15}")) {
            fields.problems().add(section.position("bridge"), "'" + Scalars.shorten(bridge.get()) + "' is not a network interface name");
            bridge = Optional.empty();
        }
        if (mode == Network.Mode.BRIDGE && bridge.isEmpty() && !section.has("bridge")) {
            fields.problems().add(section.position("mode"), "mode bridge needs bridge (the host bridge, such as br0)");
        }
        if (mode != Network.Mode.BRIDGE && bridge.isPresent()) {
            fields.problems().add(section.position("bridge"), "bridge is only for mode bridge");
        }
        List<PortForward> forwards = new ArrayList<>();
        SchemaKey forwardKey = schema.child("forwards");
        section.value("forwards").flatMap(node -> Scalars.list(node, section.key("forwards"), fields.problems())).ifPresent(entries -> {
            if (!entries.isEmpty() && mode != Network.Mode.USER) {
                fields.problems().add(section.position("forwards"), "port forwards need mode user");
            }
            for (int index = 0; index < entries.size(); index++) {
                String key = section.key("forwards") + "[" + index + "]";
                fields.positions().put("network.forwards[" + index + "]", SafeYaml.position(key, entries.get(index)));
                Optional<YamlMap> forward = YamlMap.of(key, entries.get(index), fields.problems());
                if (forward.isEmpty()) {
                    continue;
                }
                forward.get().rejectUnknown(forwardKey.names(), fields.problems());
                int before = fields.problems().count();
                for (String required : List.of("host", "guest")) {
                    if (!forward.get().has(required)) {
                        fields.problems().add(forward.get().position(), required + " is required (a port number)");
                    }
                }
                int host = fields.integer(forward.get(), "host", key, 1024, MAX_PORT, "", 0);
                int guest = fields.integer(forward.get(), "guest", key, 1, MAX_PORT, "", 0);
                PortForward.Protocol protocol = fields.choice(forward.get(), "protocol", key, List.of("tcp", "udp"),
                        List.of(PortForward.Protocol.TCP, PortForward.Protocol.UDP), PortForward.Protocol.TCP);
                if (fields.problems().count() == before) {
                    forwards.add(new PortForward(protocol, host, guest));
                }
            }
        });
        return new Network(model, mode, bridge, forwards);
    }

    private Display display(YamlMap top)
    {
        Display defaults = Display.defaults();
        Allocation spice = allocation(top, "spice", 1024, MAX_PORT, defaults.spice());
        Allocation vnc = allocation(top, "vnc", 1024, MAX_PORT, defaults.vnc());
        YamlMap section = fields.section(top, "lookingGlass", "lookingGlass", ROOT.child("lookingGlass").names());
        boolean enabled = fields.bool(section, "enabled", "lookingGlass", defaults.lookingGlass().enabled());
        LookingGlass lookingGlass = new LookingGlass(enabled, defaults.lookingGlass().width(), defaults.lookingGlass().height());
        Optional<Node> resolution = fields.value(section, "resolution", "lookingGlass.resolution");
        if (resolution.isPresent()) {
            lookingGlass = Scalars.string(resolution.get(), section.key("resolution"), fields.problems())
                    .flatMap(text -> resolution(text, resolution.get(), section.key("resolution")))
                    .map(size -> new LookingGlass(enabled, size[0], size[1])).orElse(lookingGlass);
        }
        Audio audio = fields.choice(top, "audio", "audio", labels(Audio.values()), List.of(Audio.values()), defaults.audio());
        if (audio == Audio.SPICE && !spice.enabled()) {
            fields.problems().add(top.position(top.has("audio") ? "audio" : "spice"), "audio spice needs spice (set spice to auto or a port, or audio to scream or none)");
        }
        if (spice.mode() == Allocation.Mode.FIXED && spice.equals(vnc)) {
            fields.problems().add(top.position("vnc"), "port " + vnc.value() + " is also the spice port");
        }
        boolean headless = fields.bool(top, "headless", "headless", defaults.headless());
        boolean startViewer = fields.bool(top, "startViewer", "startViewer", defaults.startViewer());
        return new Display(spice, vnc, lookingGlass, audio, headless, startViewer);
    }

    private Optional<int[]> resolution(String text, Node node, String key)
    {
        int x = text.toLowerCase(Locale.ROOT).indexOf('x');
        if (x > 0 && Scalars.isInteger(text.substring(0, x)) && Scalars.isInteger(text.substring(x + 1))) {
            long width = Long.parseLong(text.substring(0, x));
            long height = Long.parseLong(text.substring(x + 1));
            if (width >= 1 && height >= 1 && width <= LookingGlass.MAX_SIDE && height <= LookingGlass.MAX_SIDE) {
                return Optional.of(new int[] {(int) width, (int) height});
            }
        }
        fields.problems().add(SafeYaml.position(key, node), "'" + Scalars.shorten(text) + "' is not a resolution WIDTHxHEIGHT such as 1920x1080 (each 1 to "
                + LookingGlass.MAX_SIDE + ")");
        return Optional.empty();
    }

    /** {@code off} (or false), {@code auto}, or a number in {@code min..max}. */
    private Allocation allocation(YamlMap top, String key, long min, long max, Allocation fallback)
    {
        Optional<Node> node = fields.value(top, key, key);
        if (node.isEmpty()) {
            return fallback;
        }
        if (node.get() instanceof ScalarNode scalar) {
            String text = scalar.getValue().toLowerCase(Locale.ROOT);
            if (text.equals("off") || text.equals("false")) {
                return Allocation.off();
            }
            if (text.equals("auto")) {
                return Allocation.auto();
            }
            if (Scalars.isInteger(text)) {
                return Scalars.integer(node.get(), key, min, max, "", fields.problems()).map(value -> Allocation.fixed(value.intValue())).orElse(fallback);
            }
        }
        fields.problems().add(SafeYaml.position(key, node.get()), "expected off, auto or a number from " + min + " to " + max + ", not " + Scalars.kind(node.get()));
        return fallback;
    }

    private static List<String> labels(Enum<?>[] values)
    {
        List<String> labels = new ArrayList<>();
        for (Enum<?> value : values) {
            labels.add(NativeSchema.label(value));
        }
        return labels;
    }

    static boolean isNative(Node root)
    {
        if (root instanceof MappingNode mapping) {
            return mapping.getValue().stream().anyMatch(tuple -> tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("libvfio"));
        }
        return false;
    }
}
