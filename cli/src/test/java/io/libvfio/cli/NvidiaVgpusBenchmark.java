package io.libvfio.cli;

import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.api.VgpuType;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.host.RuntimeDirectories;
import io.libvfio.runtime.vgpu.CreateOrder;
import io.libvfio.runtime.vgpu.VgpuService;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.KernelWrite;
import io.libvfio.testkit.LargeHost;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The vGPU benchmark with the real backends (run by {@code bench/vgpus.sh}, not by the test
 * suite): on {@link LargeHost} (2,008 PCI functions) over the fake kernel, the runtime with every
 * installed backend found through ServiceLoader creates 16 NVIDIA vGPU 17+ vendor-VFIO vGPUs
 * through {@link VgpuService} (nvidia-gvm picks a free VF and sets {@code current_vgpu_type}; the
 * VF stays on {@code nvidia}, so nothing is bound to vfio-pci) and destroys them. Median of
 * repeated runs against the same kernel writes replayed directly, in the same run. Exits 1 when
 * the median is 1 s or more.
 */
public final class NvidiaVgpusBenchmark
{
    private static final int VGPUS = 16;
    private static final int WARMUP = 2;
    private static final int RUNS = 7;

    private NvidiaVgpusBenchmark()
    {
    }

    public static void main(String[] args)
            throws IOException
    {
        PrintStream out = System.out;
        Path work = Files.createTempDirectory("libvfio-nvidia-vgpus-bench");
        Path root = work.resolve("host");
        LargeHost.write(root, LargeHost.DEFAULT_PFS, LargeHost.DEFAULT_VFS_PER_PF).driver("vfio-pci");
        FakeKernel kernel = FakeKernel.on(root);
        VfioRuntime runtime = new RuntimeAssembly(RuntimeOptions.of(root))
        {
            @Override
            protected HostFs createHostFs(HostPaths paths)
            {
                return kernel;
            }
        }.runtime();
        VgpuService service = new VgpuService(runtime, new RuntimeDirectories(work.resolve("state/run"), work.resolve("state/data")), Clock.systemUTC(),
                VgpuService.BIND_TIMEOUT);
        List<PciAddress> pfs = new ArrayList<>();
        for (PciDevice gpu : runtime.inventory().gpus()) {
            pfs.add(gpu.address());
        }
        String type = runtime.types(Optional.of(pfs.get(0))).stream().filter(candidate -> candidate.availableInstances() >= VGPUS / pfs.size())
                .map(VgpuType::id).findFirst().orElseThrow();
        List<Double> serviceTimes = new ArrayList<>();
        List<Double> replayTimes = new ArrayList<>();
        List<KernelWrite> writes = List.of();
        for (int run = 0; run < WARMUP + RUNS; run++) {
            kernel.clearWrites();
            long start = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (int index = 0; index < VGPUS; index++) {
                ids.add(service.create(new CreateOrder(pfs.get(index % pfs.size()), type, Optional.empty(), false, false)).entry().id());
            }
            for (String id : ids) {
                service.destroy(id, false);
            }
            double elapsed = (System.nanoTime() - start) / 1e6;
            writes = kernel.writes();
            if (!service.records().all().isEmpty() || writes.stream().anyMatch(write -> !write.succeeded())) {
                throw new IllegalStateException("run " + run + " did not leave the host as it was: " + writes);
            }
            kernel.clearWrites();
            long replayStart = System.nanoTime();
            for (KernelWrite write : writes) {
                kernel.write(write.path(), write.value());
            }
            double replay = (System.nanoTime() - replayStart) / 1e6;
            if (run >= WARMUP) {
                serviceTimes.add(elapsed);
                replayTimes.add(replay);
            }
        }
        double median = median(serviceTimes);
        double baseline = median(replayTimes);
        out.printf("real backends (nvidia-gvm vendor VFIO, type %s): create %d vGPUs and destroy them (%d kernel writes): median %.1f ms (%.1f..%.1f) over %d runs%n",
                type, VGPUS, writes.size(), median, Collections.min(serviceTimes), Collections.max(serviceTimes), RUNS);
        out.printf("baseline, the same kernel writes replayed directly: median %.1f ms; ratio %.2f%n", baseline, median / baseline);
        out.printf("target: under 1000 ms -> %s%n", median < 1000 ? "met" : "FAILED");
        deleteTree(work);
        if (median >= 1000) {
            System.exit(1);
        }
    }

    private static void deleteTree(Path directory)
            throws IOException
    {
        try (java.util.stream.Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static double median(List<Double> values)
    {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
