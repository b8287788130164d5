package io.libvfio.runtime.vgpu;

import io.libvfio.api.VfioException;
import io.libvfio.api.VirtualGpu;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.registry.BackendStatus;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Every vGPU on the host: what each active backend finds ({@code Backend.instances()}), merged
 * with libvfio's records. Made by libvfio and present: {@link VgpuState#MANAGED}; present but not
 * made by libvfio: {@link VgpuState#EXTERNAL}; recorded but gone: {@link VgpuState#STALE}.
 */
final class VgpuListing
{
    private final VfioRuntime runtime;
    private final VgpuRecords records;

    VgpuListing(VfioRuntime runtime, VgpuRecords records)
    {
        this.runtime = requireNonNull(runtime, "runtime is null");
        this.records = requireNonNull(records, "records is null");
    }

    /**
     * The entry of one recorded vGPU, asking only the backend that made it about only that
     * instance ({@code Backend.instance}): managed when that backend still has it, stale when it
     * does not (or the backend is no longer active).
     */
    VgpuEntry entry(VgpuRecord record)
    {
        for (BackendStatus status : runtime.backends()) {
            if (status.name().equals(record.backend()) && status.backend().isPresent()) {
                Optional<VirtualGpu> instance = status.backend().get().instance(record.instance());
                if (instance.isPresent()) {
                    return new VgpuEntry(instance.get(), record.backend(), VgpuState.MANAGED, Optional.of(record));
                }
            }
        }
        return new VgpuEntry(record.instance(), record.backend(), VgpuState.STALE, Optional.of(record));
    }

    /** The entries, and a warning for each backend that could not list its instances. */
    VgpuList list()
    {
        Map<String, VgpuRecord> recorded = new LinkedHashMap<>();
        for (VgpuRecord record : records.all()) {
            recorded.put(record.id(), record);
        }
        Map<String, VgpuEntry> entries = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (BackendStatus status : runtime.backends()) {
            if (status.backend().isEmpty()) {
                continue;
            }
            List<VirtualGpu> instances;
            try {
                instances = status.backend().get().instances();
            }
            catch (VfioException e) {
                warnings.add("%s cannot list its vGPUs: %s".formatted(status.name(), e.getMessage()));
                continue;
            }
            for (VirtualGpu instance : instances) {
                if (entries.containsKey(instance.id())) {
                    continue;
                }
                VgpuRecord record = recorded.get(instance.id());
                entries.put(instance.id(), record == null
                        ? new VgpuEntry(instance, status.name(), VgpuState.EXTERNAL, Optional.empty())
                        : new VgpuEntry(instance, record.backend(), VgpuState.MANAGED, Optional.of(record)));
            }
        }
        for (VgpuRecord record : recorded.values()) {
            if (!entries.containsKey(record.id())) {
                entries.put(record.id(), new VgpuEntry(record.instance(), record.backend(), VgpuState.STALE, Optional.of(record)));
            }
        }
        return new VgpuList(List.copyOf(entries.values()), warnings);
    }
}
