package io.libvfio.runtime.vm.state;

import io.libvfio.api.GpuId;
import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.runtime.vm.spec.VmName;
import io.libvfio.runtime.vm.spec.VmPorts;
import io.libvfio.runtime.vm.spec.VmSpec;
import io.libvfio.runtime.vm.gpu.AttachedVgpu;
import io.libvfio.runtime.vm.qmp.JsonValues;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

/** A {@link VmState} as the JSON of its state file ({@code schemaVersion} 1), and back. */
final class VmStateCodec
{
    static final int SCHEMA_VERSION = 1;

    private VmStateCodec()
    {
    }

    static String write(VmState state)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("schemaVersion", SCHEMA_VERSION);
        json.put("name", state.name().value());
        json.put("uuid", state.uuid().toString());
        json.put("pid", state.pid());
        json.put("processStart", state.processStart().toString());
        json.put("startedAt", state.startedAt().toString());
        json.put("source", state.source().toString());
        json.put("qmpSocket", state.qmpSocket().toString());
        json.put("accelerator", state.accelerator());
        json.put("ports", ports(state.ports()));
        List<Object> vgpus = new ArrayList<>();
        for (AttachedVgpu vgpu : state.vgpus()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", vgpu.id());
            view.put("mechanism", vgpu.mechanism().name());
            view.put("parent", vgpu.parent().toString());
            view.put("sysfsDevice", vgpu.sysfsDevice().orElse(null));
            view.put("hostAddress", vgpu.hostAddress().map(PciAddress::toString).orElse(null));
            view.put("devId", vgpu.devId());
            view.put("description", vgpu.description());
            view.put("createdHere", vgpu.createdHere());
            vgpus.add(view);
        }
        json.put("vgpus", vgpus);
        json.put("files", strings(state.files()));
        json.put("lookingGlass", state.lookingGlass().map(Path::toString).orElse(null));
        json.put("scream", state.scream().map(Path::toString).orElse(null));
        json.put("teardown", state.teardown());
        json.put("argv", state.argv());
        return JsonValues.write(json, true) + "\n";
    }

    static Map<String, Object> ports(VmPorts ports)
    {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("spice", optional(ports.spice()));
        json.put("vnc", optional(ports.vnc()));
        json.put("ssh", optional(ports.ssh()));
        json.put("vsockCid", optional(ports.vsockCid()));
        List<Object> forwards = new ArrayList<>();
        for (VmSpec.PortForward forward : ports.forwards()) {
            forwards.add(Map.of("protocol", forward.protocol(), "host", forward.host(), "guest", forward.guest()));
        }
        json.put("forwards", forwards);
        return json;
    }

    @SuppressWarnings("unchecked")
    static VmState read(String text)
            throws IOException
    {
        try {
            Map<String, Object> json = (Map<String, Object>) JsonValues.parse(text);
            Map<String, Object> ports = (Map<String, Object>) json.get("ports");
            List<VmSpec.PortForward> forwards = new ArrayList<>();
            for (Object forward : (List<Object>) ports.get("forwards")) {
                Map<String, Object> map = (Map<String, Object>) forward;
                forwards.add(new VmSpec.PortForward((String) map.get("protocol"), number(map.get("host")), number(map.get("guest"))));
            }
            List<AttachedVgpu> vgpus = new ArrayList<>();
            for (Object vgpu : (List<Object>) json.get("vgpus")) {
                Map<String, Object> map = (Map<String, Object>) vgpu;
                vgpus.add(new AttachedVgpu((String) map.get("id"), Mechanism.valueOf((String) map.get("mechanism")),
                        GpuId.parse((String) map.get("parent")),
                        Optional.ofNullable((String) map.get("sysfsDevice")), Optional.ofNullable((String) map.get("hostAddress")).map(PciAddress::parse),
                        (String) map.get("devId"), (String) map.get("description"), Boolean.TRUE.equals(map.get("createdHere"))));
            }
            List<List<String>> teardown = new ArrayList<>();
            for (Object hook : (List<Object>) json.get("teardown")) {
                teardown.add(stringList(hook));
            }
            List<Path> files = new ArrayList<>();
            for (String file : stringList(json.get("files"))) {
                files.add(Path.of(file));
            }
            return new VmState(new VmName((String) json.get("name")), UUID.fromString((String) json.get("uuid")),
                    ((Long) json.get("pid")), Instant.parse((String) json.get("processStart")), Instant.parse((String) json.get("startedAt")),
                    Path.of((String) json.get("source")), Path.of((String) json.get("qmpSocket")), (String) json.get("accelerator"),
                    new VmPorts(optionalInt(ports.get("spice")), optionalInt(ports.get("vnc")), optionalInt(ports.get("ssh")),
                            optionalInt(ports.get("vsockCid")), forwards),
                    vgpus, files, Optional.ofNullable((String) json.get("lookingGlass")).map(Path::of),
                    Optional.ofNullable((String) json.get("scream")).map(Path::of), teardown, stringList(json.get("argv")));
        }
        catch (ClassCastException | NullPointerException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IOException("malformed VM state: " + e.getMessage(), e);
        }
    }

    private static Object optional(OptionalInt value)
    {
        return value.isPresent() ? (Object) value.getAsInt() : null;
    }

    private static OptionalInt optionalInt(Object value)
    {
        return value == null ? OptionalInt.empty() : OptionalInt.of(number(value));
    }

    private static int number(Object value)
    {
        return Math.toIntExact((Long) value);
    }

    @SuppressWarnings("unchecked")
    private static List<String> stringList(Object value)
    {
        List<String> strings = new ArrayList<>();
        for (Object element : (List<Object>) value) {
            strings.add((String) element);
        }
        return strings;
    }

    private static List<String> strings(List<Path> paths)
    {
        List<String> strings = new ArrayList<>();
        for (Path path : paths) {
            strings.add(path.toString());
        }
        return strings;
    }
}
