package io.libvfio.runtime.vm.config;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.libvfio.runtime.vm.config.NativeSchema.label;

/**
 * Writes a {@link VmConfig} as a native VM file ({@code libvfio config check --native}): every
 * setting spelled out, paths absolute (host paths, without the simulated root). Reading the
 * result gives the same configuration back. SnakeYAML's emitter does the quoting.
 */
public final class NativeWriter
{
    private final ConfigPaths paths;

    public NativeWriter(ConfigPaths paths)
    {
        this.paths = paths;
    }

    public String write(VmConfig config)
    {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("libvfio", NativeSchema.VERSION);
        document.put("name", config.name());
        Machine machine = config.machine();
        document.put("memory", machine.memoryMib());
        document.put("cpus", map("sockets", machine.cpus().sockets(), "cores", machine.cpus().cores(), "threads", machine.cpus().threads()));
        document.put("accelerator", label(machine.accelerator()));
        document.put("firmware", map("type", label(machine.firmware().kind()), "secureBoot", machine.firmware().secureBoot(), "tpm", machine.firmware().tpm()));
        document.put("hugepages", label(machine.hugepages()));
        document.put("hideHypervisor", machine.hideHypervisor());
        List<Object> disks = new ArrayList<>();
        for (Disk disk : config.storage().disks()) {
            disks.add(map("path", hostPath(disk.path()), "bus", label(disk.bus())));
        }
        document.put("disks", disks);
        document.put("iso", config.storage().installIso().map(this::hostPath).orElse(null));
        document.put("sharedDirectory", config.storage().sharedDirectory().map(this::hostPath).orElse(null));
        document.put("initialSize", config.storage().initialSizeGib());
        Network network = config.network();
        List<Object> forwards = new ArrayList<>();
        for (PortForward forward : network.forwards()) {
            forwards.add(map("host", forward.hostPort(), "guest", forward.guestPort(), "protocol", label(forward.protocol())));
        }
        document.put("network", map("model", label(network.model()), "mode", label(network.mode()), "bridge", network.bridge().orElse(null), "forwards", forwards));
        Display display = config.display();
        document.put("spice", allocation(display.spice()));
        document.put("vnc", allocation(display.vnc()));
        document.put("lookingGlass", map("enabled", display.lookingGlass().enabled(), "resolution", display.lookingGlass().resolution()));
        document.put("audio", label(display.audio()));
        document.put("headless", display.headless());
        document.put("startViewer", display.startViewer());
        document.put("vsock", allocation(config.vsock()));
        List<Object> gpus = new ArrayList<>();
        for (GpuRequest gpu : config.gpus()) {
            gpus.add(gpu(gpu));
        }
        document.put("gpus", gpus);
        document.put("commands", new ArrayList<>(config.hooks().qemuArguments()));
        document.put("startupCommands", hooks(config.hooks().startup()));
        document.put("teardownCommands", hooks(config.hooks().teardown()));
        List<Object> excluded = new ArrayList<>();
        config.excludedDevices().forEach(address -> excluded.add(address.toString()));
        document.put("excludedDevices", excluded);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.AUTO);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(200);
        return "# " + config.name() + ": converted from " + config.source().getFileName() + " by libvfio\n" + new Yaml(options).dump(document);
    }

    private static Object allocation(Allocation allocation)
    {
        return allocation.mode() == Allocation.Mode.FIXED ? (Object) allocation.value() : allocation.label();
    }

    private static Map<String, Object> gpu(GpuRequest gpu)
    {
        if (gpu instanceof MdevGpu mdev) {
            Map<String, Object> map = map("kind", "mdev", "minVRam", mdev.minVramMib(), "maxVRam", mdev.maxVramMib(), "suffix", mdev.suffix());
            map.put("mdevType", mdev.mdevType().orElse(null));
            map.put("parentPort", mdev.parentPort().map(Object::toString).orElse(null));
            map.put("devId", mdev.devId());
            return map;
        }
        if (gpu instanceof SriovGpu sriov) {
            Map<String, Object> map = map("kind", "sriov", "minVRam", sriov.minVramMib(), "maxVRam", sriov.maxVramMib(), "acceptableTypes",
                    new ArrayList<>(sriov.acceptableTypes()));
            map.put("devId", sriov.devId());
            return map;
        }
        PassthroughGpu passthrough = (PassthroughGpu) gpu;
        return map("kind", "passthrough", "address", passthrough.address().toString(), "devId", passthrough.devId());
    }

    private static List<Object> hooks(List<HookCommand> hooks)
    {
        List<Object> entries = new ArrayList<>();
        for (HookCommand hook : hooks) {
            entries.add(map("argv", new ArrayList<>(hook.argv()), "asRoot", hook.asRoot(), "background", hook.background()));
        }
        return entries;
    }

    private String hostPath(Path path)
    {
        if (paths.root().getParent() != null && path.startsWith(paths.root())) {
            return "/" + paths.root().relativize(path);
        }
        return path.toString();
    }

    private static Map<String, Object> map(Object... keysAndValues)
    {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            map.put((String) keysAndValues[index], keysAndValues[index + 1]);
        }
        return map;
    }
}
