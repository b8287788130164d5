package io.libvfio.runtime.vgpu;

import io.libvfio.api.PciAddress;
import io.libvfio.api.PciDevice;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.KernelWrite;
import io.libvfio.testkit.LargeHost;
import io.libvfio.testkit.SimulatedHost;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * In-process vGPU benchmark (run by {@code bench/vgpus.sh}, not by the test suite): on the
 * largest generated host ({@link LargeHost}: 8 NVIDIA PFs x 250 VFs, 2,008 PCI functions, over
 * the fake kernel), create and bind 16 VF vGPUs (2 per PF: reserve, unbind from {@code nvidia},
 * probe {@code vfio-pci}, wait for {@code /dev/vfio}, record) and destroy them again (give each
 * back to {@code nvidia}, clear the reservation, forget the record), each through
 * {@link VgpuService} under the host lock. Median of repeated runs after warm-up. The baseline,
 * taken in the same run, replays the same kernel writes straight to the fake kernel: the ratio is
 * what the service adds (discovery of instances, checks, records, locking). Exits 1 when the
 * median is 1 s or more.
 */
public final class VgpusBenchmark
{
    private static final int VGPUS = 16;
    private static final int WARMUP = 2;
    private static final int RUNS = 7;

    private VgpusBenchmark()
    {
    }

    public static void main(String[] args)
            throws IOException
    {
        PrintStream out = System.out;
        Path work = Files.createTempDirectory("libvfio-vgpus-bench");
        Path root = work.resolve("host");
        SimulatedHost host = LargeHost.write(root, LargeHost.DEFAULT_PFS, LargeHost.DEFAULT_VFS_PER_PF);
        host.driver("vfio-pci");
        FakeKernel kernel = FakeKernel.on(host);
        VgpuService service = VgpuHosts.service(kernel, work.resolve("state"));
        List<PciAddress> pfs = new ArrayList<>();
        for (PciDevice gpu : VgpuHosts.runtime(kernel).inventory().gpus()) {
            pfs.add(gpu.address());
        }
        int functions = VgpuHosts.runtime(kernel).inventory().devices().size();
        List<Double> serviceTimes = new ArrayList<>();
        List<Double> replayTimes = new ArrayList<>();
        List<KernelWrite> writes = List.of();
        for (int run = 0; run < WARMUP + RUNS; run++) {
            kernel.clearWrites();
            long start = System.nanoTime();
            List<String> ids = new ArrayList<>();
            for (int index = 0; index < VGPUS; index++) {
                CreateOrder order = new CreateOrder(pfs.get(index % pfs.size()), SliceTestBackend.VF_TYPE, Optional.empty(), false, false);
                ids.add(service.create(order).entry().id());
            }
            for (String id : ids) {
                service.destroy(id, false);
            }
            double elapsed = (System.nanoTime() - start) / 1e6;
            writes = kernel.writes();
            if (!service.list().isEmpty() || writes.stream().anyMatch(write -> !write.succeeded())) {
                throw new IllegalStateException("run " + run + " did not leave the host as it was");
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
        out.printf("host: %d PCI functions (%d PFs), fake kernel%n", functions, pfs.size());
        out.printf("create+bind %d vGPUs and destroy them (%d kernel writes): median %.1f ms (%.1f..%.1f) over %d runs%n", VGPUS, writes.size(), median,
                Collections.min(serviceTimes), Collections.max(serviceTimes), RUNS);
        out.printf("baseline, the same kernel writes replayed directly: median %.1f ms%n", baseline);
        out.printf("ratio service / kernel writes: %.2f%n", median / baseline);
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
