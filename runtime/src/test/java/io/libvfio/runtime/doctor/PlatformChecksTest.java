package io.libvfio.runtime.doctor;

import io.libvfio.api.spi.HostRequirement;
import io.libvfio.testkit.SimulatedHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.libvfio.runtime.doctor.DoctorHosts.checks;
import static io.libvfio.runtime.doctor.DoctorHosts.find;
import static org.assertj.core.api.Assertions.assertThat;

/** CPU, KVM, IOMMU and module checks on simulated hosts. */
final class PlatformChecksTest
{
    @TempDir
    Path root;

    @Test
    void vmxOrSvmPasses()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        assertThat(find(checks(host), "cpu.virtualization")).satisfies(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.PASS);
            assertThat(check.reason()).isEqualTo("Intel VT-x (vmx flag)");
        });
        host.cpuinfo("AuthenticAMD", 25, 1, "AMD EPYC 7513", 2, "fpu svm sse2");
        assertThat(find(checks(host), "cpu.virtualization").reason()).isEqualTo("AMD-V (svm flag)");
    }

    @Test
    void noVirtualizationFlagFailsWithAFixForAVmOrTheFirmware()
            throws IOException
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        Files.delete(root.resolve("dev/kvm"));
        host.cpuinfo("GenuineIntel", 6, 143, "Intel(R) Xeon(R) Processor", 2, DoctorHosts.GUEST_FLAGS);
        Check guest = find(checks(host), "cpu.virtualization");
        assertThat(guest.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(guest.reason()).contains("VM without nested virtualization");
        assertThat(guest.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("nested virtualization"));

        host.cpuinfo("GenuineIntel", 6, 158, "Intel(R) Core(TM) i9-9900K", 2, "fpu sse2");
        Check bare = find(checks(host), "cpu.virtualization");
        assertThat(bare.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(bare.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("firmware"));
    }

    @Test
    void aGuestWithKvmButNoFlagIsOnlyAWarning()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        host.cpuinfo("GenuineIntel", 6, 143, "Intel(R) Xeon(R) Processor", 2, DoctorHosts.GUEST_FLAGS);
        Check check = find(checks(host), "cpu.virtualization");
        assertThat(check.status()).isEqualTo(CheckStatus.WARN);
        assertThat(check.reason()).isEqualTo("no vmx or svm flag, yet /dev/kvm exists: KVM here is paravirtual or nested without the flag");
    }

    @Test
    void withoutCpuinfoTheCpuIsUnknown()
            throws IOException
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        Files.delete(root.resolve("proc/cpuinfo"));
        Check check = find(checks(host), "cpu.virtualization");
        assertThat(check.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check.reason()).contains("no /proc/cpuinfo under the root");
    }

    @Test
    void kvmUnderASimulatedRootIsOnlyLookedFor()
            throws IOException
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        Check present = find(checks(host), "kvm");
        assertThat(present.status()).isEqualTo(CheckStatus.PASS);
        assertThat(present.reason()).contains("simulated root: only its presence was checked");

        Files.delete(root.resolve("dev/kvm"));
        Check missing = find(checks(host), "kvm");
        assertThat(missing.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(missing.reason()).contains("QEMU will fall back to TCG");
        assertThat(missing.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("modprobe kvm_intel"));
    }

    @Test
    void kvmOnTheRealRootIsOpenedReadWrite()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        List<Path> opened = new ArrayList<>();
        for (DeviceFiles.OpenResult result : DeviceFiles.OpenResult.values()) {
            DeviceFiles devices = new DeviceFiles()
            {
                @Override
                public OpenResult openReadWrite(Path file)
                {
                    opened.add(file);
                    return result;
                }

                @Override
                public Optional<FileMode> mode(Path file)
                {
                    return Optional.empty();
                }
            };
            Check check = find(new Doctor(new DoctorHost(DoctorHosts.runtime(host), devices, true)).run().checks(), "kvm");
            switch (result) {
                case OPENED -> assertThat(check).extracting(Check::status, Check::reason).containsExactly(CheckStatus.PASS, "/dev/kvm opens read-write");
                case PERMISSION_DENIED -> {
                    assertThat(check.status()).isEqualTo(CheckStatus.WARN);
                    assertThat(check.reason()).contains("cannot open it read-write", "TCG");
                    assertThat(check.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("kvm group"));
                }
                case MISSING -> assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
                case FAILED -> assertThat(check.status()).isEqualTo(CheckStatus.WARN);
            }
        }
        assertThat(opened).allSatisfy(file -> assertThat(file).isEqualTo(root.toAbsolutePath().resolve("dev/kvm")));
    }

    @Test
    void theIommuOnTheCommandLineWithPassthroughPasses()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        assertThat(find(checks(host), "iommu.cmdline")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.PASS, "intel_iommu=on iommu=pt");

        host.writeAttribute("proc/cmdline", "ro intel_iommu=on");
        Check noPt = find(checks(host), "iommu.cmdline");
        assertThat(noPt.status()).isEqualTo(CheckStatus.WARN);
        assertThat(noPt.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("libvfio setup --apply", "iommu=pt"));

        host.writeAttribute("proc/cmdline", "ro intel_iommu=off");
        assertThat(find(checks(host), "iommu.cmdline")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.FAIL, "intel_iommu=off turns the IOMMU off");
    }

    @Test
    void anIommuTheKernelTurnedOnByItselfIsAWarningAndNoneAtAllAFailure()
            throws IOException
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        host.writeAttribute("proc/cmdline", "ro quiet");
        Check byDefault = find(checks(host), "iommu.cmdline");
        assertThat(byDefault.status()).isEqualTo(CheckStatus.WARN);
        assertThat(byDefault.reason()).contains("turned the IOMMU on by default");
        assertThat(byDefault.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("intel_iommu=on iommu=pt"));

        SimulatedHost off = SimulatedHost.create(root.resolve("off"), "ro quiet");
        off.cpuinfo("AuthenticAMD", 25, 1, "AMD Ryzen", 2, "fpu svm");
        off.add(SimulatedHost.function(DoctorHosts.GPU).ids(0x1002, 0x67df).classCode(0x030000).driver("amdgpu"));
        List<Check> checks = checks(off);
        assertThat(find(checks, "iommu.cmdline")).satisfies(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(check.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("AMD-Vi", "amd_iommu=on iommu=pt", "libvfio setup --apply"));
        });
        assertThat(find(checks, "iommu.groups")).extracting(Check::status, Check::reason)
                .containsExactly(CheckStatus.FAIL, "no IOMMU groups: the IOMMU is off");
    }

    @Test
    void withoutProcCmdlineTheCommandLineIsUnknownAndDoctorGoesOn()
            throws IOException
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        Files.delete(root.resolve("proc/cmdline"));
        List<Check> checks = checks(host);
        assertThat(find(checks, "iommu.cmdline")).satisfies(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.UNKNOWN);
            assertThat(check.reason()).isEqualTo("no /proc/cmdline under the root: cannot tell how the kernel was booted");
        });
        assertThat(find(checks, "iommu.groups").status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void groupsCountAndAVmWithoutIommuIsSaidPlainly()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        assertThat(find(checks(host), "iommu.groups")).extracting(Check::status, Check::reason).containsExactly(CheckStatus.PASS, "1 IOMMU group");

        SimulatedHost guest = SimulatedHost.create(root.resolve("guest"), "ro console=ttyS0");
        guest.cpuinfo("GenuineIntel", 6, 143, "Intel(R) Xeon(R) Processor", 2, DoctorHosts.GUEST_FLAGS);
        guest.add(SimulatedHost.function("0000:00:06.0").ids(0x10de, 0x2330).classCode(0x030200).driver("nvidia"));
        List<Check> checks = checks(guest);
        assertThat(find(checks, "iommu.groups").reason()).startsWith("no IOMMU in this VM");
        assertThat(find(checks, "iommu.cmdline").reason()).isEqualTo("not asked for, and this VM has no IOMMU to turn on");
    }

    @Test
    void vfioModulesLoadedLoadableOrMissing()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        host.module("vfio", Map.of());
        host.module("vfio_iommu_type1", Map.of());
        host.writeText("lib/modules/6.8.0-45-generic/modules.dep", "kernel/drivers/vfio/pci/vfio-pci.ko.zst: kernel/drivers/vfio/vfio.ko.zst\n");
        host.writeText("lib/modules/6.8.0-45-generic/modules.builtin", "");
        List<Check> checks = checks(host);

        assertThat(find(checks, "module.vfio")).extracting(Check::status, Check::reason).containsExactly(CheckStatus.PASS, "loaded");
        assertThat(find(checks, "module.vfio_pci")).satisfies(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.WARN);
            assertThat(check.reason()).isEqualTo("not loaded, but 6.8.0-45-generic has it");
            assertThat(check.fix()).hasValueSatisfying(fix -> assertThat(fix).startsWith("modprobe vfio_pci now"));
        });
        assertThat(find(checks, "module.mdev")).satisfies(check -> {
            assertThat(check.status()).as("no GPU uses mdev here").isEqualTo(CheckStatus.PASS);
            assertThat(check.reason()).startsWith("not available in 6.8.0-45-generic; only mediated devices use it");
        });
        assertThat(find(checks, "module.kvmgt").reason()).contains("only Intel GVT-g uses it");
    }

    @Test
    void aModuleABackendNeedsFailsWhenTheKernelLacksIt()
    {
        SimulatedHost host = DoctorHosts.desktop(root);
        host.writeText("lib/modules/6.8.0-45-generic/modules.dep", "kernel/drivers/vfio/vfio.ko:\n");
        StubBackend gvt = new StubBackend("stub-gvt").require(HostRequirement.loadModule("kvmgt", List.of(), "GVT-g on 0000:00:02.0", false, "kvmgt is not loaded"));
        List<Check> checks = checks(host, gvt);

        assertThat(find(checks, "module.kvmgt")).satisfies(check -> {
            assertThat(check.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(check.reason()).isEqualTo("not loaded, and 6.8.0-45-generic does not have it");
        });
        assertThat(find(checks, "module.mdev").status()).as("GVT-g needs mdev").isEqualTo(CheckStatus.FAIL);
        assertThat(checks).as("module requirements show as module checks only").noneMatch(check -> check.id().startsWith("driver.stub-gvt"));
    }

    @Test
    void withoutModuleListsAnUnloadedModuleIsUnknown()
    {
        Check check = find(checks(DoctorHosts.desktop(root)), "module.vfio_pci");
        assertThat(check.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check.reason()).isEqualTo("not loaded, and no /lib/modules/6.8.0-45-generic/modules.dep under the root to tell whether it can be");
    }
}
