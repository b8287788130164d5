package io.libvfio.runtime.bench;

import io.libvfio.api.HostInventory;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.testkit.LargeHost;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * In-process discovery benchmark (run by {@code bench/discovery.sh}, not by the test suite):
 * generated hosts of 8 NVIDIA PFs with 31 to 250 vendor-VFIO VFs each, the whole discovery
 * (PCI functions, IOMMU groups, NUMA, mdev, pci.ids names) timed after warm-up, median of
 * repeated runs. The smallest host is the baseline for the per-function cost.
 * Exits 1 when the 2,008-function host takes 100 ms or more, or when the per-function cost
 * grows by more than half from the smallest host to the largest.
 */
public final class DiscoveryBenchmark
{
    private static final int WARMUP = 5;
    private static final int RUNS = 15;

    private DiscoveryBenchmark()
    {
    }

    public static void main(String[] args)
            throws IOException
    {
        PrintStream out = System.out;
        Path work = Files.createTempDirectory("libvfio-discovery-bench");
        int[] vfsPerPf = {31, 62, 125, 250};
        double baselinePerFunction = 0;
        double largestMedian = 0;
        double largestPerFunction = 0;
        out.printf("%-10s %10s %14s %16s%n", "functions", "median ms", "min..max ms", "us per function");
        for (int vfs : vfsPerPf) {
            Path root = work.resolve("host-" + vfs);
            LargeHost.write(root, LargeHost.DEFAULT_PFS, vfs);
            int functions = 0;
            List<Double> times = new ArrayList<>();
            for (int run = 0; run < WARMUP + RUNS; run++) {
                long start = System.nanoTime();
                HostInventory inventory = new RuntimeAssembly(RuntimeOptions.of(root)).runtime().inventory();
                long elapsed = System.nanoTime() - start;
                functions = inventory.devices().size();
                if (!inventory.warnings().isEmpty()) {
                    throw new IllegalStateException("discovery warned: " + inventory.warnings());
                }
                if (run >= WARMUP) {
                    times.add(elapsed / 1e6);
                }
            }
            Collections.sort(times);
            double median = times.get(times.size() / 2);
            double perFunction = median * 1000 / functions;
            if (baselinePerFunction == 0) {
                baselinePerFunction = perFunction;
            }
            largestMedian = median;
            largestPerFunction = perFunction;
            out.printf("%-10d %10.1f %6.1f..%-7.1f %16.1f%n", functions, median, times.get(0), times.get(times.size() - 1), perFunction);
        }
        double growth = largestPerFunction / baselinePerFunction;
        out.printf("largest host: median %.1f ms (target < 100 ms)%n", largestMedian);
        out.printf("per-function cost, largest / smallest host: %.2f (target <= 1.5)%n", growth);
        deleteTree(work);
        if (largestMedian >= 100 || growth > 1.5) {
            out.println("FAILED");
            System.exit(1);
        }
    }

    private static void deleteTree(Path root)
            throws IOException
    {
        try (java.util.stream.Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
