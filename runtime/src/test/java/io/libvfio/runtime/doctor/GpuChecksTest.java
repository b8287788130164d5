package io.libvfio.runtime.doctor;

import io.libvfio.api.Mechanism;
import io.libvfio.api.PciAddress;
import io.libvfio.api.spi.HostRequirement;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.libvfio.runtime.doctor.DoctorHosts.GPU;
import static io.libvfio.runtime.doctor.DoctorHosts.checks;
import static io.libvfio.runtime.doctor.DoctorHosts.find;
import static io.libvfio.runtime.doctor.StubBackend.type;
import static org.assertj.core.api.Assertions.assertThat;

/** Per-GPU verdicts, vendor requirements and free slices, over a stub backend. */
final class GpuChecksTest
{
    private static final String ID = "gpu." + GPU;

    @TempDir
    Path root;

    @Test
    void anMdevGpuListsItsTypes()
    {
        StubBackend stub = new StubBackend("stub").serve(GPU, Mechanism.MDEV,
                type(GPU, "nvidia-256", "GRID RTX6000-1Q", Mechanism.MDEV, 1024, 24), type(GPU, "nvidia-257", "GRID RTX6000-2Q", Mechanism.MDEV, 2048, 0));
        DoctorReport report = DoctorHosts.doctor(DoctorHosts.desktop(root), stub).run();

        Check gpu = find(report.checks(), ID);
        assertThat(gpu.status()).isEqualTo(CheckStatus.PASS);
        assertThat(gpu.reason()).isEqualTo("mdev with these types: nvidia-256 GRID RTX6000-1Q (1024 MiB, 24 free), nvidia-257 GRID RTX6000-2Q (2048 MiB, 0 free) (backend stub)");
        assertThat(report.ready()).isTrue();
        assertThat(find(report.checks(), "slices").reason()).isEqualTo("on 1 GPU: 0000:01:00.0: nvidia-256 GRID RTX6000-1Q (1024 MiB, 24 free)");
    }

    @Test
    void anSriovGpuSaysHowManyVfsAreEnabled()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        host.add(SimulatedHost.function("0000:3b:00.0").ids(0x8086, 0x56c0).classCode(0x038000).driver("i915").iommuGroup(10).sriov(32, 1, 1, 0x56c0));
        StubBackend stub = new StubBackend("stub").serve("0000:3b:00.0", Mechanism.SRIOV_VF, type("0000:3b:00.0", "vfs-8", "Flex 170 1/8", Mechanism.SRIOV_VF, 2000, 8));

        Check gpu = find(checks(host, stub), "gpu.0000:3b:00.0");
        assertThat(gpu.reason()).startsWith("SR-IOV, 0 of 32 VFs enabled: vfs-8 Flex 170 1/8 (2000 MiB, 8 free)");
    }

    @Test
    void vendorVfioIsNamedAsSuch()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        host.add(SimulatedHost.function("0000:3d:00.0").ids(0x10de, 0x26b9).classCode(0x030200).driver("nvidia").iommuGroup(20).sriov(32, 4, 1, 0x26b9));
        host.enableVfs(PciAddress.parse("0000:3d:00.0"), 2, vf -> vf.driver("nvidia"));
        StubBackend stub = new StubBackend("stub").serve("0000:3d:00.0", Mechanism.VENDOR_VFIO,
                type("0000:3d:00.0", "1148", "NVIDIA L40S-2Q", Mechanism.VENDOR_VFIO, 2048, 2));

        assertThat(find(checks(host, stub), "gpu.0000:3d:00.0").reason())
                .isEqualTo("vendor VFIO on VFs, 2 of 32 VFs enabled: 1148 NVIDIA L40S-2Q (2048 MiB, 2 free) (backend stub)");
    }

    @Test
    void aGpuNoBackendSharesIsPassthroughOnlyWithTheBackendsFix()
    {
        StubBackend stub = new StubBackend("stub")
                .decline(GPU, "consumer NVIDIA GPU without the vGPU host driver (driver nvidia, no nvidia_vgpu_vfio module): whole-GPU passthrough only")
                .require(HostRequirement.driver("NVIDIA vGPU host driver", List.of(PciAddress.parse(GPU)), "NVIDIA vGPU on " + GPU, false,
                        "not present", "install the vGPU host driver"));
        DoctorReport report = DoctorHosts.doctor(DoctorHosts.desktop(root), stub).run();

        Check gpu = find(report.checks(), ID);
        assertThat(gpu.status()).isEqualTo(CheckStatus.WARN);
        assertThat(gpu.reason()).isEqualTo("passthrough only: consumer NVIDIA without vGPU driver");
        assertThat(gpu.fix()).contains("install the vGPU host driver; or for whole-GPU passthrough, bind it and every function of its IOMMU group 1 to vfio-pci");
        assertThat(find(report.checks(), "driver.stub.NVIDIA-vGPU-host-driver")).satisfies(driver -> {
            assertThat(driver.status()).as("a missing driver is a warning: the GPU still passes through").isEqualTo(CheckStatus.WARN);
            assertThat(driver.title()).isEqualTo("NVIDIA vGPU host driver for NVIDIA vGPU on 0000:01:00.0");
        });
        assertThat(report.ready()).isFalse();
        assertThat(find(report.checks(), "slices").reason()).startsWith("no GPU here can be split into vGPUs");
    }

    @Test
    void withoutAnIommuAGpuCannotBeShared()
    {
        SimulatedHost host = SimulatedHost.create(root, "ro quiet");
        host.cpuinfo("GenuineIntel", 6, 165, "Intel(R) Core(TM) i5-10600K", 2, DoctorHosts.VMX_FLAGS);
        host.add(SimulatedHost.function(GPU).ids(0x10de, 0x2206).classCode(0x030000).driver("nvidia").bootVga(true));
        Check gpu = find(checks(host), ID);
        assertThat(gpu.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(gpu.reason()).startsWith("cannot be shared: IOMMU off");
        assertThat(gpu.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("VT-d", "intel_iommu=on iommu=pt"));

        SimulatedHost guest = SimulatedHost.create(root.resolve("guest"), "ro");
        guest.cpuinfo("GenuineIntel", 6, 143, "Intel(R) Xeon(R) Processor", 2, DoctorHosts.GUEST_FLAGS);
        guest.add(SimulatedHost.function("0000:00:06.0").ids(0x10de, 0x2330).classCode(0x030200).driver("nvidia"));
        Check inVm = find(checks(guest), "gpu.0000:00:06.0");
        assertThat(inVm.reason()).isEqualTo("not virtualizable: no IOMMU in this VM");
        assertThat(inVm.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("bare-metal host", "MIG"));
    }

    @Test
    void requirementsPassWhenMetAndFailWithTheSetupFixWhenNot()
    {
        PciAddress igpu = PciAddress.parse(GPU);
        StubBackend stub = new StubBackend("stub")
                .require(HostRequirement.kernelParameter("i915.enable_gvt=1", List.of(igpu), "GVT-g on " + GPU, false, "GVT-g is off (i915.enable_gvt=N)"))
                .require(HostRequirement.blacklistModule("amdgpu", List.of(igpu), "MxGPU VFs on " + GPU, true, "amdgpu holds none of the MxGPU cards"));
        List<Check> checks = checks(DoctorHosts.desktop(root), stub);

        assertThat(find(checks, "driver.stub.i915.enable_gvt=1")).satisfies(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(check.reason()).isEqualTo("GVT-g is off (i915.enable_gvt=N)");
            assertThat(check.fix()).contains("run 'libvfio setup --apply' to add i915.enable_gvt=1 to the boot loader's kernel command line, then reboot");
        });
        assertThat(find(checks, "driver.stub.amdgpu")).extracting(Check::status, Check::title)
                .containsExactly(CheckStatus.PASS, "amdgpu kept off the GPU for MxGPU VFs on 0000:01:00.0");
    }

    @Test
    void aBackendWhoseRequirementsCannotBeReadIsUnknownAndHidesNothingElse()
    {
        StubBackend broken = new StubBackend("broken").failRequirements("cannot read /sys/module/i915/parameters/enable_gvt: permission denied");
        StubBackend good = new StubBackend("good").require(HostRequirement.loadModule("kvmgt", List.of(), "GVT-g", true, "kvmgt is loaded"))
                .require(HostRequirement.kernelParameter("iommu=pt", List.of(), "test", true, "set"));
        List<Check> checks = checks(DoctorHosts.desktop(root), broken, good);

        assertThat(find(checks, "driver.broken")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.UNKNOWN, "cannot read /sys/module/i915/parameters/enable_gvt: permission denied");
        assertThat(find(checks, "driver.good.iommu=pt").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aShareableGpuWhoseTypesAreAllTakenHasNoFreeSlice()
    {
        StubBackend stub = new StubBackend("stub").serve(GPU, Mechanism.MDEV, type(GPU, "nvidia-256", "GRID RTX6000-1Q", Mechanism.MDEV, 1024, 0));
        DoctorReport report = DoctorHosts.doctor(DoctorHosts.desktop(root), stub).run();

        assertThat(find(report.checks(), ID).status()).isEqualTo(CheckStatus.WARN);
        assertThat(find(report.checks(), "slices")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.FAIL, "every vGPU type of the shareable GPUs is in use");
        assertThat(report.ready()).isFalse();
        assertThat(report.verdict()).isEqualTo("no free GPU slice: every vGPU type of the shareable GPUs is in use");
    }
}
