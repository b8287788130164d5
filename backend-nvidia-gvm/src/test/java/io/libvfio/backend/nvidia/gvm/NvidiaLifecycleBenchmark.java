package io.libvfio.backend.nvidia.gvm;

import io.libvfio.api.CreateRequest;
import io.libvfio.api.PciAddress;
import io.libvfio.api.VirtualGpu;
import io.libvfio.api.spi.Backend;
import io.libvfio.api.spi.BackendContext;
import io.libvfio.testkit.FakeKernel;
import io.libvfio.testkit.LargeHost;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * In-process benchmark of the backend's create and destroy (run by {@code bench/nvidia-lifecycle.sh},
 * not by the test suite): on the largest generated host (8 L40S PFs x 250 vendor-VFIO VFs, 2,008
 * functions, over the fake kernel), 16 vGPUs created on one GPU and destroyed again, median of
 * repeated runs after warm-up. Baseline, in the same run: the same 32 writes made straight to the
 * fake kernel, so the ratio is what the backend adds (choosing VFs, checks, read-backs) to the
 * kernel emulation's own cost. Exits 1 when a round takes 1 s or more.
 */
public final class NvidiaLifecycleBenchmark
{
    private static final int WARMUP = 5;
    private static final int RUNS = 15;
    private static final int VGPUS = 16;
    private static final String TYPE = "1145";

    private NvidiaLifecycleBenchmark()
    {
    }

    public static void main(String[] args)
            throws IOException
    {
        PrintStream out = System.out;
        Path root = Files.createTempDirectory("libvfio-nvidia-bench").resolve("host");
        LargeHost.write(root, LargeHost.DEFAULT_PFS, LargeHost.DEFAULT_VFS_PER_PF);
        FakeKernel kernel = FakeKernel.on(root);
        BackendContext context = KernelContexts.context(kernel);
        PciAddress gpu = context.inventory().gpus().get(0).address();
        List<PciAddress> vfs = context.inventory().device(gpu).orElseThrow().sriov().orElseThrow().virtualFunctions().subList(0, VGPUS);
        List<Double> backendTimes = new ArrayList<>();
        List<Double> kernelTimes = new ArrayList<>();
        for (int run = 0; run < WARMUP + RUNS; run++) {
            long start = System.nanoTime();
            Backend backend = new NvidiaGvmBackendProvider().create(context);
            List<VirtualGpu> made = new ArrayList<>();
            for (int index = 0; index < VGPUS; index++) {
                made.add(backend.create(new CreateRequest(gpu, TYPE, Optional.empty())));
            }
            for (VirtualGpu instance : made) {
                backend.destroy(instance);
            }
            double backendMs = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            for (PciAddress vf : vfs) {
                kernel.write(VendorVfioLifecycle.current(vf), TYPE);
            }
            for (PciAddress vf : vfs) {
                kernel.write(VendorVfioLifecycle.current(vf), "0");
            }
            double kernelMs = (System.nanoTime() - start) / 1e6;
            if (!made.stream().map(VirtualGpu::function).map(Optional::orElseThrow).toList().equals(vfs)) {
                throw new IllegalStateException("the backend chose other VFs than the baseline writes: " + made);
            }
            kernel.clearWrites();
            if (run >= WARMUP) {
                backendTimes.add(backendMs);
                kernelTimes.add(kernelMs);
            }
        }
        double backend = median(backendTimes);
        double baseline = median(kernelTimes);
        out.printf("host: %d PCI functions; %d vGPUs of type %s created and destroyed on %s, %d runs after %d warm-up%n",
                context.inventory().devices().size(), VGPUS, TYPE, gpu, RUNS, WARMUP);
        out.printf("backend create+destroy: median %.1f ms (min %.1f, max %.1f)%n", backend, Collections.min(backendTimes), Collections.max(backendTimes));
        out.printf("baseline, the same %d writes straight to the fake kernel: median %.1f ms%n", 2 * VGPUS, baseline);
        out.printf("ratio backend / baseline: %.2f%n", backend / baseline);
        if (backend >= 1000) {
            out.println("FAILED: target under 1000 ms");
            System.exit(1);
        }
    }

    private static double median(List<Double> times)
    {
        List<Double> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
