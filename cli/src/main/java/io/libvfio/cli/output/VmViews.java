package io.libvfio.cli.output;

import io.libvfio.runtime.vm.RunningVm;
import io.libvfio.runtime.vm.StartResult;
import io.libvfio.runtime.vm.StopResult;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;
import io.libvfio.runtime.vm.spec.VmPorts;
import io.libvfio.runtime.vm.spec.VmSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** The JSON shapes and text pieces of the VM commands ({@code start}, {@code stop}, {@code ps}). */
public final class VmViews
{
    private VmViews()
    {
    }

    public static Map<String, Object> ports(VmPorts ports)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("spice", number(ports.spice()));
        view.put("vnc", number(ports.vnc()));
        view.put("ssh", number(ports.ssh()));
        view.put("vsockCid", number(ports.vsockCid()));
        List<Object> forwards = new ArrayList<>();
        for (VmSpec.PortForward forward : ports.forwards()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("protocol", forward.protocol());
            item.put("host", forward.host());
            item.put("guest", forward.guest());
            forwards.add(item);
        }
        view.put("forwards", forwards);
        return view;
    }

    /** {@code spice 127.0.0.1:5900, vnc 127.0.0.1:5910, ssh 127.0.0.1:2222, vsock cid 7}. */
    public static String portsText(VmPorts ports)
    {
        List<String> parts = new ArrayList<>();
        ports.spice().ifPresent(port -> parts.add("spice 127.0.0.1:" + port));
        ports.vnc().ifPresent(port -> parts.add("vnc 127.0.0.1:" + port));
        ports.ssh().ifPresent(port -> parts.add("ssh 127.0.0.1:" + port));
        for (VmSpec.PortForward forward : ports.forwards()) {
            parts.add(forward.protocol() + " 127.0.0.1:" + forward.host() + "->" + forward.guest());
        }
        ports.vsockCid().ifPresent(cid -> parts.add("vsock cid " + cid));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    public static List<Object> vgpus(List<AttachedVgpu> vgpus)
    {
        List<Object> views = new ArrayList<>();
        for (AttachedVgpu vgpu : vgpus) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", vgpu.id());
            view.put("mechanism", vgpu.mechanism().label());
            view.put("parent", vgpu.parent().toString());
            view.put("sysfsDevice", vgpu.sysfsDevice().orElse(null));
            view.put("hostAddress", vgpu.hostAddress().map(Object::toString).orElse(null));
            view.put("devId", vgpu.devId());
            view.put("description", vgpu.description());
            view.put("createdByLibvfio", vgpu.createdHere());
            views.add(view);
        }
        return views;
    }

    public static Map<String, Object> running(RunningVm vm)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", vm.state().name().value());
        view.put("pid", vm.state().pid());
        view.put("uptimeSeconds", vm.uptime().toSeconds());
        view.put("startedAt", vm.state().startedAt().toString());
        view.put("accelerator", vm.state().accelerator());
        view.put("source", vm.state().source().toString());
        view.put("qmpSocket", vm.state().qmpSocket().toString());
        view.put("ports", ports(vm.state().ports()));
        view.put("vgpus", vgpus(vm.state().vgpus()));
        view.put("lookingGlass", vm.state().lookingGlass().map(Object::toString).orElse(null));
        view.put("scream", vm.state().scream().map(Object::toString).orElse(null));
        return view;
    }

    public static Map<String, Object> start(StartResult result)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", result.name().value());
        view.put("dryRun", result.dryRun());
        view.put("pid", result.pid().isPresent() ? (Object) result.pid().getAsLong() : null);
        view.put("accelerator", result.accelerator());
        view.put("gpuRequests", result.gpuRequests());
        view.put("vgpus", vgpus(result.vgpus()));
        view.put("memory", result.memory());
        view.put("pinning", result.pinning());
        view.put("ports", ports(result.ports()));
        view.put("qmpSocket", result.qmpSocket().toString());
        view.put("log", result.log().toString());
        view.put("writes", result.writes());
        view.put("argv", result.argv());
        view.put("warnings", result.warnings());
        view.put("cleanedUp", result.notes());
        return view;
    }

    public static Map<String, Object> stop(StopResult result)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", result.name().value());
        view.put("pid", result.pid());
        view.put("how", result.how());
        view.put("milliseconds", result.took().toMillis());
        view.put("cleanup", result.cleanup());
        view.put("cleanedUp", result.notes());
        return view;
    }

    static Object number(OptionalInt value)
    {
        return value.isPresent() ? (Object) value.getAsInt() : null;
    }

    /** {@code 2h03m}, {@code 4m12s}, {@code 9s}. */
    public static String duration(long seconds)
    {
        if (seconds >= 3600) {
            return seconds / 3600 + "h" + pad(seconds % 3600 / 60) + "m";
        }
        if (seconds >= 60) {
            return seconds / 60 + "m" + pad(seconds % 60) + "s";
        }
        return seconds + "s";
    }

    private static String pad(long value)
    {
        return value < 10 ? "0" + value : Long.toString(value);
    }
}
