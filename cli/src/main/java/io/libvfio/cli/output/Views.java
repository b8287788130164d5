package io.libvfio.cli.output;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciDevice;
import io.libvfio.api.VgpuType;
import io.libvfio.runtime.GpuReport;
import io.libvfio.runtime.registry.BackendStatus;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the CLI's output, built from runtime results. Keys are always present;
 * an unknown value is {@code null}.
 */
public final class Views
{
    private Views()
    {
    }

    public static Map<String, Object> gpu(GpuReport report)
    {
        PciDevice device = report.device();
        Map<String, Object> view = function(device);
        view.put("model", report.model());
        view.put("backend", report.backend().orElse(null));
        view.put("verdict", report.verdict().label());
        view.put("mechanisms", report.mechanisms().stream().map(Mechanism::label).toList());
        view.put("reasons", report.reasons());
        view.put("sriov", device.sriov().map(sriov -> {
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("totalVfs", sriov.totalVfs());
            info.put("numVfs", sriov.numVfs());
            info.put("vfDeviceId", "%04x".formatted(sriov.vfDeviceId()));
            info.put("driversAutoprobe", sriov.driversAutoprobe());
            info.put("virtualFunctions", sriov.virtualFunctions().stream().map(Object::toString).toList());
            return info;
        }).orElse(null));
        view.put("functions", report.companions().stream().map(Views::function).toList());
        view.put("properties", new java.util.TreeMap<>(report.properties()));
        return view;
    }

    public static Map<String, Object> function(PciDevice device)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("address", device.address().toString());
        view.put("vendorId", "%04x".formatted(device.vendorId()));
        view.put("deviceId", "%04x".formatted(device.deviceId()));
        view.put("subsystemVendorId", "%04x".formatted(device.subsystemVendorId()));
        view.put("subsystemDeviceId", "%04x".formatted(device.subsystemDeviceId()));
        view.put("class", "%06x".formatted(device.classCode()));
        view.put("revision", "%02x".formatted(device.revision()));
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
        view.put("supported", status.probe().supported());
        view.put("reason", status.probe().reason());
        view.put("mechanisms", status.backend().map(backend -> backend.mechanisms().stream().map(Mechanism::label).sorted().toList()).orElse(List.of()));
        view.put("capabilities", status.backend().map(backend -> backend.capabilities().stream().map(Enum::name).sorted().toList()).orElse(List.of()));
        view.put("gpus", status.gpus().stream().map(gpu -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("address", gpu.address().toString());
            entry.put("model", gpu.model());
            entry.put("mechanisms", gpu.mechanisms().stream().map(Mechanism::label).toList());
            entry.put("limitation", gpu.limitation().orElse(null));
            return entry;
        }).toList());
        return view;
    }
}
