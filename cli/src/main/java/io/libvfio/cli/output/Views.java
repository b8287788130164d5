package io.libvfio.cli.output;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.SriovInfo;
import io.libvfio.api.VgpuType;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.plugin.PluginProvider;
import io.libvfio.runtime.registry.BackendStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes of the CLI's output, built from runtime results. Keys are always present;
 * an unknown value is {@code null}.
 */
public final class Views
{
    private Views()
    {
    }

    // Loops, nulls and hex by hand rather than streams, Optional chains and String.format:
    // these views are built once per run, in a cold JVM.
    public static Map<String, Object> gpu(GpuReport report)
    {
        PciDevice device = report.device();
        Map<String, Object> view = function(device);
        view.put("model", report.model());
        view.put("backend", report.backend().orElse(null));
        view.put("verdict", report.verdict().label());
        view.put("mechanisms", labels(report.mechanisms()));
        view.put("reasons", report.reasons());
        Map<String, Object> info = null;
        if (device.sriov().isPresent()) {
            SriovInfo sriov = device.sriov().get();
            info = new LinkedHashMap<>();
            info.put("totalVfs", sriov.totalVfs());
            info.put("numVfs", sriov.numVfs());
            info.put("vfDeviceId", hex(sriov.vfDeviceId(), 4));
            info.put("driversAutoprobe", sriov.driversAutoprobe());
            List<String> functions = new ArrayList<>();
            for (PciAddress function : sriov.virtualFunctions()) {
                functions.add(function.toString());
            }
            info.put("virtualFunctions", functions);
        }
        view.put("sriov", info);
        List<Object> companions = new ArrayList<>();
        for (PciDevice companion : report.companions()) {
            companions.add(function(companion));
        }
        view.put("functions", companions);
        view.put("properties", new TreeMap<>(report.properties()));
        return view;
    }

    public static Map<String, Object> function(PciDevice device)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("address", device.address().toString());
        view.put("vendorId", hex(device.vendorId(), 4));
        view.put("deviceId", hex(device.deviceId(), 4));
        view.put("subsystemVendorId", hex(device.subsystemVendorId(), 4));
        view.put("subsystemDeviceId", hex(device.subsystemDeviceId(), 4));
        view.put("class", hex(device.classCode(), 6));
        view.put("revision", hex(device.revision(), 2));
        view.put("vendor", device.names().vendor().orElse(null));
        view.put("device", device.names().device().orElse(null));
        view.put("driver", device.driver().orElse(null));
        view.put("driverOverride", device.driverOverride().orElse(null));
        view.put("numaNode", device.numaNode().isPresent() ? device.numaNode().getAsInt() : null);
        view.put("localCpus", device.localCpus().toString());
        view.put("iommuGroup", device.iommuGroup().isPresent() ? device.iommuGroup().getAsInt() : null);
        view.put("bootVga", device.bootVga().orElse(null));
        return view;
    }

    /** {@code "%0<digits>x"}: lowercase hex, zero-padded to at least {@code digits}. */
    static String hex(int value, int digits)
    {
        String text = Integer.toHexString(value);
        return text.length() >= digits ? text : "000000".substring(0, digits - text.length()) + text;
    }

    private static List<String> labels(List<Mechanism> mechanisms)
    {
        List<String> labels = new ArrayList<>();
        for (Mechanism mechanism : mechanisms) {
            labels.add(mechanism.label());
        }
        return labels;
    }

    public static Map<String, Object> type(VgpuType type)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("gpu", type.parent().toString());
        view.put("id", type.id());
        view.put("name", type.name());
        view.put("mechanism", type.mechanism().label());
        view.put("framebufferMib", type.framebufferMib());
        view.put("heads", type.heads());
        view.put("maxResolution", type.maxResolution().map(Object::toString).orElse(null));
        view.put("maxInstances", type.maxInstances());
        view.put("availableInstances", type.availableInstances());
        view.put("properties", type.properties());
        return view;
    }

    public static Map<String, Object> backend(BackendStatus status)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", status.name());
        view.put("description", status.provider().description());
        view.put("priority", status.provider().priority());
        view.put("plugin", status.provider() instanceof PluginProvider plugin ? plugin.jar().toString() : null);
        view.put("supported", status.probe().supported());
        view.put("reason", status.probe().reason());
        view.put("mechanisms", status.backend().map(backend -> backend.mechanisms().stream().map(Mechanism::label).sorted().toList()).orElse(List.of()));
        view.put("capabilities", status.backend().map(backend -> backend.capabilities().stream().map(Enum::name).sorted().toList()).orElse(List.of()));
        view.put("gpus", status.gpus().stream().map(gpu -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("address", gpu.address().toString());
            entry.put("model", gpu.model());
            entry.put("mechanisms", labels(gpu.mechanisms()));
            entry.put("limitation", gpu.limitation().orElse(null));
            return entry;
        }).toList());
        return view;
    }
}
