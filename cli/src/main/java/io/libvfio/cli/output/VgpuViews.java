package io.libvfio.cli.output;

import io.libvfio.api.PciAddress;
import io.libvfio.api.ScheduleHint;
import io.libvfio.runtime.host.HostWrite;
import io.libvfio.runtime.vgpu.FunctionBinding;
import io.libvfio.runtime.vgpu.PlacementHint;
import io.libvfio.runtime.vgpu.VgpuChange;
import io.libvfio.runtime.vgpu.VgpuEntry;
import io.libvfio.runtime.vgpu.VgpuRecord;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of {@code create}, {@code destroy}, {@code vgpus} and {@code hint}. Keys are always present; unknown is {@code null}. */
public final class VgpuViews
{
    private VgpuViews()
    {
    }

    public static Map<String, Object> entry(VgpuEntry entry)
    {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("backend", entry.backend());
        view.put("state", entry.state().label());
        view.put("parent", entry.instance().parent().toString());
        view.put("type", entry.instance().typeId());
        view.put("mechanism", entry.instance().mechanism().label());
        view.put("function", entry.instance().function().map(PciAddress::toString).orElse(null));
        view.put("devicePath", entry.instance().devicePath());
        VgpuRecord record = entry.record().orElse(null);
        view.put("createdBy", record == null ? null : record.createdBy());
        view.put("createdAt", record == null ? null : record.createdAt().toString());
        view.put("bindings", bindings(record == null ? List.of() : record.bindings()));
        return view;
    }

    public static List<Object> bindings(List<FunctionBinding> bindings)
    {
        List<Object> views = new ArrayList<>();
        for (FunctionBinding binding : bindings) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("function", binding.function().toString());
            view.put("iommuGroup", binding.iommuGroup());
            view.put("originalDriver", binding.originalDriver().orElse(null));
            view.put("originalOverride", binding.originalOverride().orElse(null));
            views.add(view);
        }
        return views;
    }

    public static List<Object> writes(List<HostWrite> writes)
    {
        List<Object> views = new ArrayList<>();
        for (HostWrite write : writes) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("path", write.path());
            view.put("value", write.value());
            views.add(view);
        }
        return views;
    }

    /** The document of {@code create} and {@code destroy}. */
    public static Map<String, Object> change(VgpuChange change)
    {
        Map<String, Object> document = Json.document();
        document.put("dryRun", change.dryRun());
        Map<String, Object> vgpu = entry(change.entry());
        vgpu.put("bindings", bindings(change.bindings()));
        document.put("vgpu", vgpu);
        document.put("writes", writes(change.writes()));
        return document;
    }

    public static Map<String, Object> hint(PlacementHint hint)
    {
        ScheduleHint schedule = hint.schedule();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("gpu", schedule.gpu().toString());
        view.put("backend", hint.backend().orElse(null));
        view.put("numaNode", schedule.numaNode().isPresent() ? schedule.numaNode().getAsInt() : null);
        view.put("cpus", schedule.cpus().toString());
        view.put("iommuGroup", schedule.iommuGroup().isPresent() ? schedule.iommuGroup().getAsInt() : null);
        view.put("hugepageNode", hint.hugepageNode().isPresent() ? hint.hugepageNode().getAsInt() : null);
        view.put("freeHugepagesKib", hint.freeHugepagesKib());
        view.put("weight", schedule.weight().isPresent() ? schedule.weight().getAsInt() : null);
        view.put("timeSliceMicros", schedule.timeSlice().map(slice -> slice.toNanos() / 1000).orElse(null));
        return view;
    }
}
