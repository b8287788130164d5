package io.libvfio.runtime.doctor;

import io.libvfio.api.VfioException;
import io.libvfio.api.spi.BackendProvider;
import io.libvfio.api.spi.HostFs;
import io.libvfio.runtime.RuntimeAssembly;
import io.libvfio.runtime.RuntimeOptions;
import io.libvfio.runtime.VfioRuntime;
import io.libvfio.runtime.host.HostPaths;
import io.libvfio.runtime.registry.BackendRegistry;
import io.libvfio.testkit.RefusingHostFs;
import io.libvfio.testkit.SimulatedHost;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Simulated hosts and runtimes for doctor's tests. */
public final class DoctorHosts
{
    public static final String VMX_FLAGS = "fpu vme de pse tsc msr pae mce cx8 apic sep vmx ssse3 fma cx16 sse4_1 sse4_2 avx";
    public static final String GUEST_FLAGS = "fpu vme de pse tsc msr pae mce cx8 apic sep ssse3 hypervisor avx";
    public static final String GPU = "0000:01:00.0";

    private DoctorHosts()
    {
    }

    /** An Intel desktop with VT-x, KVM, the IOMMU on and one GPU in group 1 (named by the root's pci.ids); hugepages reserved. */
    public static SimulatedHost desktop(Path root)
    {
        SimulatedHost host = SimulatedHost.create(root, "BOOT_IMAGE=/vmlinuz ro intel_iommu=on iommu=pt");
        host.osrelease("6.8.0-45-generic");
        host.writeAttribute("usr/share/misc/pci.ids", "10de  NVIDIA Corporation\n\t1e07  TU102 [GeForce RTX 2080 Ti Rev. A]");
        host.cpuinfo("GenuineIntel", 6, 158, "Intel(R) Core(TM) i9-9900K CPU @ 3.60GHz", 4, VMX_FLAGS);
        host.numaNode(0, "0-3", 16_000_000, 1024, 1024, 0, 0);
        host.add(SimulatedHost.function("0000:00:01.0").ids(0x8086, 0x1901).classCode(0x060400).driver("pcieport").iommuGroup(1));
        host.add(SimulatedHost.function(GPU).ids(0x10de, 0x1e07).classCode(0x030000).driver("nvidia").iommuGroup(1).bootVga(false));
        host.deviceNode("kvm");
        return host;
    }

    public static VfioRuntime runtime(SimulatedHost host, BackendProvider... backends)
    {
        return assembly(host.root(), Function.identity(), backends).runtime();
    }

    /** A runtime whose host access goes through {@code wrap}, to inject read failures. */
    public static RuntimeAssembly assembly(Path root, Function<HostFs, HostFs> wrap, BackendProvider... backends)
    {
        return new RuntimeAssembly(RuntimeOptions.of(root))
        {
            @Override
            public synchronized BackendRegistry registry()
            {
                return new BackendRegistry(List.of(backends), List.of());
            }

            @Override
            protected HostFs createHostFs(HostPaths paths)
            {
                return wrap.apply(super.createHostFs(paths));
            }
        };
    }

    static Doctor doctor(SimulatedHost host, BackendProvider... backends)
    {
        return new Doctor(runtime(host, backends), new LocalDeviceFiles());
    }

    static List<Check> checks(SimulatedHost host, BackendProvider... backends)
    {
        return doctor(host, backends).run().checks();
    }

    static Check find(List<Check> checks, String id)
    {
        return checks.stream().filter(check -> check.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id + " in " + checks.stream().map(Check::id).toList()));
    }

    /** A HostFs that fails every read, listing or existence test under {@code prefix}, as an unreadable sysfs directory does. */
    static HostFs unreadable(HostFs fs, String prefix, VfioException failure)
    {
        return new RefusingHostFs(fs, prefix, failure);
    }
}
