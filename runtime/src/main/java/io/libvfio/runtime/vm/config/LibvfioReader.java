package io.libvfio.runtime.vm.config;

import io.libvfio.api.PciAddress;
import org.yaml.snakeyaml.nodes.Node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps LibVF.IO's {@code arcd} YAML onto a {@link VmConfig}, key by key, with LibVF.IO's defaults
 * for keys that are missing. Where libvfio reads a setting differently, it says so here and in the
 * README: the VM's name is the file name; the disk is {@code <root>/kernel/<kernel>} on SATA, with
 * {@code container.state} disks after it; firmware is BIOS (SeaBIOS, as {@code arcd} booted);
 * the network card is an rtl8139 with {@code sshPort} forwarded to the guest's port 22;
 * {@code introspect: looking-glass} turns on Looking Glass (1920x1080) and Scream audio;
 * {@code spicePort: 5900}, the default NimYAML writes into every file, means "choose a free port";
 * {@code startapp}, {@code installOs}, {@code installCommands}, {@code appCommands}, {@code nics}
 * and {@code sudo} load but are ignored, with a warning when they ask for something.
 */
final class LibvfioReader
{
    static final List<String> KEYS = List.of("name", "startintro", "startapp", "installOs", "nographics", "showhypervisor", "spice", "introspect",
            "shareddir", "spicePort", "sshPort", "vncPort", "connectivity", "container", "cpus", "gpus", "nics", "root", "sudo", "commands",
            "startupCommands", "teardownCommands", "installCommands", "appCommands", "blacklistedPci");
    static final int DEFAULT_SPICE_PORT = 5900;
    static final int DEFAULT_SSH_PORT = 2222;
    static final String DEFAULT_ROOT = "~/.local/libvf.io";
    private static final int MAX_PORT = 65535;

    private final Fields fields;
    private final ConfigPaths paths;
    private final Path directory;

    LibvfioReader(Fields fields, ConfigPaths paths, Path directory)
    {
        this.fields = fields;
        this.paths = paths;
        this.directory = directory;
    }

    VmConfig read(YamlMap top, String name, Path source)
    {
        Problems problems = fields.problems();
        top.rejectUnknown(KEYS, problems);
        Optional<String> title = fields.string(top, "name", "title");
        CpuTopology defaultCpus = CpuTopology.defaults();
        YamlMap cpus = fields.section(top, "cpus", "cpus", List.of("sockets", "cores", "threads", "ramAlloc"));
        CpuTopology topology = new CpuTopology(
                fields.integer(cpus, "sockets", "cpus", 1, 64, "", defaultCpus.sockets()),
                fields.integer(cpus, "cores", "cpus", 1, CpuTopology.MAX_VCPUS, "", defaultCpus.cores()),
                fields.integer(cpus, "threads", "cpus", 1, 8, "", defaultCpus.threads()));
        checkVcpus(topology, cpus);
        int memory = fields.integer(cpus, "ramAlloc", "memory", Machine.MIN_MEMORY_MIB, Machine.MAX_MEMORY_MIB, " MiB", Machine.DEFAULT_MEMORY_MIB);
        boolean showHypervisor = fields.bool(top, "showhypervisor", "hideHypervisor", true);
        Machine machine = new Machine(memory, topology, Accelerator.AUTO, new Firmware(Firmware.Kind.BIOS, false, false), Hugepages.AUTO, !showHypervisor);

        Storage storage = storage(top);
        boolean spiceOn = fields.bool(top, "spice", "spice", false);
        int spicePort = fields.integer(top, "spicePort", "spice", 1024, MAX_PORT, "", DEFAULT_SPICE_PORT);
        int vncPort = (int) fields.value(top, "vncPort", "vnc").flatMap(node -> port(node, top.key("vncPort"), true)).orElse(-1L).longValue();
        boolean lookingGlass = fields.choice(top, "introspect", "lookingGlass", List.of("none", "looking-glass"), List.of(false, true), true);
        Display display = new Display(
                !spiceOn ? Allocation.off() : spicePort == DEFAULT_SPICE_PORT ? Allocation.auto() : Allocation.fixed(spicePort),
                vncPort < 0 ? Allocation.off() : Allocation.fixed(vncPort),
                new LookingGlass(lookingGlass, LookingGlass.DEFAULT_WIDTH, LookingGlass.DEFAULT_HEIGHT),
                lookingGlass ? Audio.SCREAM : Audio.NONE,
                fields.bool(top, "nographics", "headless", false),
                fields.bool(top, "startintro", "startViewer", false));
        if (top.has("introspect")) {
            fields.positions().put("audio", top.position("introspect"));
        }

        Network network = new Network(Network.Model.RTL8139, Network.Mode.USER, Optional.empty(), forwards(top));
        List<GpuRequest> gpus = fields.value(top, "gpus", "gpus").map(node -> new GpuReader(ConfigFormat.LIBVFIO, problems, fields.positions()).read(node))
                .orElse(List.of());
        CommandsReader commands = new CommandsReader(fields);
        Hooks hooks = new Hooks(commands.qemuArguments(top, ConfigFormat.LIBVFIO), commands.hooks(top, "startupCommands", ConfigFormat.LIBVFIO),
                commands.hooks(top, "teardownCommands", ConfigFormat.LIBVFIO));
        ignored(top);
        List<PciAddress> excluded = excluded(top);
        return new VmConfig(name, title, source, ConfigFormat.LIBVFIO, machine, storage, network, display, Allocation.auto(), gpus, hooks, excluded,
                problems.warnings(), fields.positions().build());
    }

    private void checkVcpus(CpuTopology topology, YamlMap cpus)
    {
        if (topology.vcpus() > CpuTopology.MAX_VCPUS) {
            fields.problems().add(cpus.position(), "sockets x cores x threads = " + topology.vcpus() + " vCPUs, more than " + CpuTopology.MAX_VCPUS);
        }
    }

    private Storage storage(YamlMap top)
    {
        YamlMap container = fields.section(top, "container", "disks", List.of("kernel", "state", "initialSize", "iso"));
        String rootText = fields.string(top, "root", "root").orElse(DEFAULT_ROOT);
        Optional<Path> root = paths.resolve(rootText, directory, top.value("root").orElse(null), "root", fields.problems());
        List<Disk> disks = new ArrayList<>();
        if (container.has("kernel")) {
            fields.positions().put("disks[0]", container.position("kernel"));
            container.value("kernel").flatMap(node -> fileName(node, container.key("kernel")))
                    .ifPresent(kernel -> root.ifPresent(dir -> disks.add(new Disk(dir.resolve("kernel").resolve(kernel), Disk.Bus.SATA))));
        }
        else if (top.value("container").isPresent()) {
            fields.problems().add(container.position(), "kernel is required (the disk image's file name in <root>/kernel/, such as windows.arc)");
        }
        container.value("state").flatMap(node -> Scalars.list(node, container.key("state"), fields.problems())).ifPresent(states -> {
            for (int index = 0; index < states.size(); index++) {
                Node state = states.get(index);
                String key = container.key("state") + "[" + index + "]";
                fields.positions().put("disks[" + (disks.size()) + "]", SafeYaml.position(key, state));
                Optional<String> file = fileName(state, key);
                if (file.isPresent() && root.isPresent()) {
                    disks.add(new Disk(root.get().resolve("states").resolve(file.get()), Disk.Bus.SATA));
                }
            }
        });
        int size = fields.integer(container, "initialSize", "initialSize", 1, 65536, " GiB", Storage.DEFAULT_INITIAL_SIZE_GIB);
        Optional<Path> iso = path(container, "iso", "installIso");
        Optional<Path> shared = path(top, "shareddir", "sharedDirectory");
        return new Storage(disks, iso, shared, size);
    }

    private Optional<Path> path(YamlMap map, String key, String modelKey)
    {
        Optional<Node> node = fields.value(map, key, modelKey);
        return node.flatMap(value -> Scalars.string(value, map.key(key), fields.problems())
                .flatMap(text -> paths.resolve(text, directory, value, map.key(key), fields.problems())));
    }

    /** A plain file name: {@code container.kernel} and {@code container.state} name files in {@code <root>/kernel} and {@code <root>/states}. */
    private Optional<String> fileName(Node node, String key)
    {
        Optional<String> text = Scalars.string(node, key, fields.problems());
        if (text.isPresent() && (text.get().isEmpty() || text.get().contains("/") || text.get().equals(".") || text.get().equals("..")
                || text.get().indexOf(',') >= 0)) {
            fields.problems().add(SafeYaml.position(key, node), "'" + Scalars.shorten(text.get()) + "' is not a plain file name (no '/' or ',')");
            return Optional.empty();
        }
        return text;
    }

    private List<PortForward> forwards(YamlMap top)
    {
        List<PortForward> forwards = new ArrayList<>();
        Optional<Long> ssh = fields.value(top, "sshPort", "network.forwards[0]").flatMap(node -> port(node, top.key("sshPort"), true));
        long sshPort = top.has("sshPort") ? ssh.orElse(-1L) : DEFAULT_SSH_PORT;
        if (sshPort >= 0) {
            forwards.add(new PortForward(PortForward.Protocol.TCP, (int) sshPort, 22));
        }
        YamlMap connectivity = fields.section(top, "connectivity", "network", List.of("exposedPorts"));
        connectivity.value("exposedPorts").flatMap(node -> Scalars.list(node, connectivity.key("exposedPorts"), fields.problems())).ifPresent(ports -> {
            for (int index = 0; index < ports.size(); index++) {
                String key = connectivity.key("exposedPorts") + "[" + index + "]";
                fields.positions().put("network.forwards[" + forwards.size() + "]", SafeYaml.position(key, ports.get(index)));
                YamlMap.of(key, ports.get(index), fields.problems()).flatMap(this::forward).ifPresent(forwards::add);
            }
        });
        return forwards;
    }

    private Optional<PortForward> forward(YamlMap port)
    {
        port.rejectUnknown(List.of("guest", "host", "protocol"), fields.problems());
        int before = fields.problems().count();
        for (String required : List.of("guest", "host")) {
            if (!port.has(required)) {
                fields.problems().add(port.position(), required + " is required (a port number)");
            }
        }
        int guest = fields.integer(port, "guest", port.path(), 1, MAX_PORT, "", 0);
        int host = fields.integer(port, "host", port.path(), 1024, MAX_PORT, "", 0);
        PortForward.Protocol protocol = fields.choice(port, "protocol", port.path(), List.of("tcp", "udp"),
                List.of(PortForward.Protocol.TCP, PortForward.Protocol.UDP), PortForward.Protocol.TCP);
        return fields.problems().count() == before ? Optional.of(new PortForward(protocol, host, guest)) : Optional.empty();
    }

    /** A host port in 1024..65535, or (where {@code negativeOff}) a negative number for "off". */
    private Optional<Long> port(Node node, String key, boolean negativeOff)
    {
        Optional<Long> value = Scalars.integer(node, key, Integer.MIN_VALUE, MAX_PORT, "", fields.problems());
        if (value.isPresent() && value.get() < 0 && negativeOff) {
            return Optional.of(-1L);
        }
        if (value.isPresent() && value.get() < 1024) {
            fields.problems().add(SafeYaml.position(key, node), value.get() + " is out of range (1024 to 65535" + (negativeOff ? ", or -1 for off)" : ")"));
            return Optional.empty();
        }
        return value;
    }

    private void ignored(YamlMap top)
    {
        Problems problems = fields.problems();
        if (fields.bool(top, "startapp", "startapp", false)) {
            problems.warn(top.position("startapp"), "apps (startapp, appCommands) are not supported; ignored");
        }
        if (fields.choice(top, "installOs", "installOs", List.of("none", "win10"), List.of(false, true), false)) {
            problems.warn(top.position("installOs"), "the unattended Windows install is not supported; ignored (use libvfio create)");
        }
        if (fields.bool(top, "sudo", "sudo", false)) {
            problems.warn(top.position("sudo"), "libvfio never runs QEMU through sudo; ignored");
        }
        CommandsReader commands = new CommandsReader(fields);
        for (String key : List.of("installCommands", "appCommands")) {
            if (!commands.hooks(top, key, ConfigFormat.LIBVFIO).isEmpty()) {
                problems.warn(top.position(key), key + " are not supported; ignored");
            }
        }
        fields.value(top, "nics", "nics").flatMap(node -> Scalars.list(node, "nics", problems)).filter(nics -> !nics.isEmpty())
                .ifPresent(nics -> problems.warn(top.position("nics"), "SR-IOV network VFs (nics) are not supported yet; ignored"));
    }

    private List<PciAddress> excluded(YamlMap top)
    {
        List<PciAddress> excluded = new ArrayList<>();
        fields.value(top, "blacklistedPci", "excludedDevices").flatMap(node -> Scalars.strings(node, "blacklistedPci", fields.problems())).ifPresent(addresses -> {
            for (String address : addresses) {
                if (PciAddress.isValid(address)) {
                    excluded.add(PciAddress.parse(address));
                }
                else {
                    fields.problems().add(top.position("blacklistedPci"), "'" + Scalars.shorten(address) + "' is not a PCI address such as 0000:01:00.0");
                }
            }
        });
        return excluded;
    }
}
